import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { MessagingEnv } from '../config/messaging.env';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** Stable per message, so a receiving system can tell a duplicate. */
  messageId: string;
  headers: Record<string, string>;
}

/** Sends email over SMTP (nodemailer, pooled connections). Errors propagate for the caller to classify. */
@Injectable()
export class SmtpMailer implements OnModuleDestroy {
  private readonly transport: Transporter;

  constructor(private readonly env: MessagingEnv) {
    this.transport = createTransport({
      url: env.SMTP_URL,
      pool: true,
      maxConnections: 2,
      connectionTimeout: env.SMTP_TIMEOUT_MS,
      greetingTimeout: env.SMTP_TIMEOUT_MS,
      socketTimeout: env.SMTP_TIMEOUT_MS,
      // Local servers (Mailpit) speak plain SMTP; TLS is used when the server offers it.
      tls: { rejectUnauthorized: env.NODE_ENV === 'production' },
    } as Parameters<typeof createTransport>[0]);
  }

  async send(email: OutgoingEmail): Promise<{ accepted: boolean; response: string }> {
    const info = (await this.transport.sendMail({
      from: this.env.MAIL_FROM,
      to: email.to,
      subject: email.subject,
      text: email.text,
      ...(email.html ? { html: email.html } : {}),
      messageId: email.messageId,
      headers: email.headers,
    })) as { accepted: unknown[]; response: string };
    return { accepted: info.accepted.length > 0, response: info.response };
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
