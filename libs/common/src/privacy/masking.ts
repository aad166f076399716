import { nationalPart } from '../identifiers/phone-number';

/** `+8613812341234` -> `138****1234`. */
export function maskPhone(e164: string): string {
  const national = nationalPart(e164);
  if (national.length >= 8) return `${national.slice(0, 3)}****${national.slice(-4)}`;
  return `****${national.slice(-2)}`;
}

/** `zhang.san@example.com` -> `z***@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${Array.from(email.slice(0, at))[0]}***${email.slice(at)}`;
}

/** `张三` -> `张*`, `Li Wei` -> `L*`. */
export function maskName(name: string): string {
  const first = Array.from(name.trim())[0];
  return first ? `${first}*` : '*';
}

/** The birth date is hidden completely. */
export function maskBirthday(_birthday: string): string {
  return '****-**-**';
}
