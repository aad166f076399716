import { Injectable } from '@nestjs/common';
import { MessagingEnv } from '../config/messaging.env';
import { SmsProvider, smsHttpFailure, smsNetworkFailure } from './sms-provider';

/** No SMS provider configured (SMS_PROVIDER=none). */
export class NoSmsProvider extends SmsProvider {
  readonly available = false;
  send(): Promise<{ providerId: string }> {
    return Promise.reject(new Error('no SMS provider configured'));
  }
}

/**
 * A common provider's REST API (Twilio's Messages resource, which many gateways copy):
 * `POST {SMS_API_URL}/2010-04-01/Accounts/{sid}/Messages.json`, form-encoded `To`, `From`, `Body`,
 * HTTP basic auth with the account sid and token; 201 with `{ sid }`.
 */
@Injectable()
export class TwilioSmsProvider extends SmsProvider {
  readonly available = true;
  constructor(private readonly env: MessagingEnv) {
    super();
  }

  async send(to: string, text: string): Promise<{ providerId: string }> {
    const sid = this.env.SMS_ACCOUNT_SID;
    const url = `${this.env.SMS_API_URL.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(sid)}/Messages.json`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${sid}:${this.env.SMS_AUTH_TOKEN}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ To: to, From: this.env.SMS_FROM, Body: text }).toString(),
        signal: AbortSignal.timeout(this.env.SMS_TIMEOUT_MS),
      });
    } catch (err) {
      throw smsNetworkFailure(err);
    }
    if (!res.ok) throw smsHttpFailure(res.status);
    const body = (await res.json().catch(() => ({}))) as { sid?: unknown };
    return { providerId: typeof body.sid === 'string' ? body.sid : '' };
  }
}

/** A local sink for development and tests: `POST {SMS_SINK_URL}` with `{ to, text, reference }`. */
@Injectable()
export class SinkSmsProvider extends SmsProvider {
  readonly available = true;
  constructor(private readonly env: MessagingEnv) {
    super();
  }

  async send(to: string, text: string, reference: string): Promise<{ providerId: string }> {
    let res: Response;
    try {
      res = await fetch(this.env.SMS_SINK_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ to, text, reference }),
        signal: AbortSignal.timeout(this.env.SMS_TIMEOUT_MS),
      });
    } catch (err) {
      throw smsNetworkFailure(err);
    }
    if (!res.ok) throw smsHttpFailure(res.status);
    return { providerId: reference };
  }
}
