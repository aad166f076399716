/** Sends one text message. Implementations: a common provider's HTTP API, or a local sink. */
export abstract class SmsProvider {
  /** False when no provider is configured: SMS messages end `channel_not_available`. */
  abstract readonly available: boolean;
  /** Resolves with the provider's message id; throws SmsSendError. */
  abstract send(to: string, text: string, reference: string): Promise<{ providerId: string }>;
}

export class SmsSendError extends Error {
  constructor(
    readonly temporary: boolean,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** How an HTTP answer of an SMS API maps to retry or give up: 5xx, 408 and 429 are temporary. */
export function smsHttpFailure(status: number): SmsSendError {
  const temporary = status >= 500 || status === 408 || status === 429;
  return new SmsSendError(temporary, `sms_http_${status}`);
}

/** A network failure (refused, reset, timeout) is temporary. */
export function smsNetworkFailure(err: unknown): SmsSendError {
  const e = err as { name?: string; cause?: { code?: string } };
  return new SmsSendError(true, e.name === 'TimeoutError' ? 'sms_timeout' : `sms_${(e.cause?.code ?? 'network').toLowerCase()}`);
}

/** `138****8000`: which number was used, not enough to use it. */
export function maskPhone(phone: string): string {
  return phone.length <= 7 ? '***' : `${phone.slice(0, phone.length - 8)}****${phone.slice(-4)}`;
}
