import type { Request, Response } from 'express';

/** API responses: nothing may be framed, sniffed, embedded or cached. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/** The Swagger UI page needs its own scripts and styles (same origin only). */
export const DOCS_UI_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The web console: its own scripts, Ant Design's injected styles, calls to this same origin only. */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

export function setSecureHeaders(res: Response, options: { csp?: string; hsts?: boolean; noStore?: boolean } = {}): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Content-Security-Policy', options.csp ?? API_CSP);
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  if (options.hsts) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  if (options.noStore) res.setHeader('Cache-Control', 'no-store');
  res.removeHeader('X-Powered-By');
}

const ALLOWED_HEADERS =
  'authorization, content-type, x-api-key, x-correlation-id, idempotency-key, if-match, if-none-match, accept, accept-language, x-access-reason';
const EXPOSED_HEADERS = 'x-correlation-id, ratelimit-limit, ratelimit-remaining, ratelimit-reset, retry-after, location, etag, idempotent-replayed';
const METHODS = 'GET, POST, PUT, PATCH, DELETE';

/** CORS from CORS_ORIGINS. Returns true when the request was a preflight and has been answered. */
export function applyCors(req: Request, res: Response, allowed: string): boolean {
  const origin = req.header('origin');
  const list = allowed
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const ok = origin !== undefined && (list.includes('*') || list.includes(origin));
  if (origin !== undefined) res.append('Vary', 'Origin');
  if (ok) {
    res.setHeader('Access-Control-Allow-Origin', list.includes('*') ? '*' : origin);
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  }
  const preflight = req.method === 'OPTIONS' && req.header('access-control-request-method') !== undefined;
  if (!preflight) return false;
  if (ok) {
    res.setHeader('Access-Control-Allow-Methods', METHODS);
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', '600');
  }
  res.status(204).end();
  return true;
}
