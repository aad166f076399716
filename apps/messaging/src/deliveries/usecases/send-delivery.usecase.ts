import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@app/common';
import { MessagingEnv } from '../../config/messaging.env';
import { MembersClient, MembersUnavailableError, type MemberContact } from '../../contacts/members.client';
import { SmtpMailer } from '../../email/smtp.mailer';
import { maskPhone, SmsProvider, SmsSendError } from '../../sms/sms-provider';
import { NAMELESS, unsubscribeFooter } from '../../templates/default-templates';
import type { Locale } from '../../templates/message-kinds';
import { renderTemplate } from '../../templates/template-rendering';
import { TemplatesService } from '../../templates/templates.service';
import { unsubscribeToken } from '../../unsubscribe/unsubscribe-token';
import { DeliveriesRepository } from '../deliveries.repository';
import { maskEmail, type Delivery, type DeliveryStatus } from '../delivery.schema';
import { capReached, classifySmtpError, parseQuietHours, quietUntil, retryDelayMs } from '../delivery-policy';

/** Where an unsubscribe link points (through the gateway). */
export const unsubscribeUrl = (baseUrl: string, token: string): string => `${baseUrl.replace(/\/+$/, '')}/v1/messaging/unsubscribe?token=${token}`;

/**
 * Deliver one claimed message (status `preparing`): read the contact where it is held, check
 * consent, quiet hours and the frequency cap (marketing), render the template, then hand it to
 * the SMTP server or the SMS provider. Each outcome is one conditional transition, so two workers cannot both send.
 */
@Injectable()
export class SendDelivery {
  private readonly logger = new Logger(SendDelivery.name);
  private readonly quiet: ReturnType<typeof parseQuietHours>;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly members: MembersClient,
    private readonly templates: TemplatesService,
    private readonly mailer: SmtpMailer,
    private readonly sms: SmsProvider,
    private readonly env: MessagingEnv,
    private readonly clock: Clock,
  ) {
    this.quiet = parseQuietHours(env.MESSAGING_QUIET_HOURS);
  }

  /**
   * `retry: false` for messages whose values are secrets kept in memory only (sign-in codes): a
   * temporary failure ends them, and the customer asks for a new code.
   */
  async execute(d: Delivery, options: { retry?: boolean } = {}): Promise<DeliveryStatus> {
    await this.run(d, options.retry !== false);
    return (await this.deliveries.find(d._id))?.status ?? 'failed';
  }

  private async run(d: Delivery, retry: boolean): Promise<void> {
    if (d.channel === 'push' || d.channel === 'app' || (d.channel === 'sms' && !this.sms.available))
      return this.finish(d, 'preparing', 'failed', 'channel_not_available');
    let contact: MemberContact | null;
    try {
      contact = await this.members.contact(d.memberId);
    } catch (err) {
      if (!(err instanceof MembersUnavailableError)) throw err;
      return this.retryLater(d, 'preparing', d.attempts + 1, 'members_unavailable', retry);
    }
    if (!contact) return this.finish(d, 'preparing', 'skipped', 'unknown_member');
    if (contact.status === 'erased') return this.finish(d, 'preparing', 'skipped', 'erased');
    if (d.marketing && !contact.marketingConsent) return this.finish(d, 'preparing', 'skipped', 'no_consent');
    const address = d.channel === 'email' ? contact.email : contact.phone;
    if (!address) return this.finish(d, 'preparing', 'skipped', 'no_address');

    const now = this.clock.now();
    if (d.marketing) {
      const until = quietUntil(now, this.env.MESSAGING_TIME_ZONE, this.quiet);
      if (until) {
        await this.deliveries.transition(
          d._id,
          'preparing',
          { status: 'queued', nextAttemptAt: until, reason: 'quiet_hours' },
          { at: now, outcome: 'deferred', detail: `quiet hours until ${until.toISOString()}` },
        );
        return;
      }
      const since = new Date(now.getTime() - this.env.MESSAGING_CAP_WINDOW_HOURS * 3_600_000);
      if (capReached(await this.deliveries.countMarketingSentSince(d.memberId, since), this.env.MESSAGING_CAP_COUNT)) {
        return this.finish(d, 'preparing', 'skipped', 'frequency_cap');
      }
    }

    const locale: Locale = d.locale ?? this.env.MESSAGING_DEFAULT_LOCALE;
    const { content } = await this.templates.content(d.kind, locale);
    // Values the request carries (a tier change's new tier) win over what is read now.
    const rendered = renderTemplate(content, { name: contact.name ?? NAMELESS[locale], ...(contact.tier ? { tier: contact.tier } : {}), ...d.values });
    if (!rendered.ok) return this.finish(d, 'preparing', 'failed', `missing_variable:${rendered.missing.join(',')}`);
    const { subject } = rendered.message;
    let { text, html } = rendered.message;
    const headers: Record<string, string> = { 'X-Loyalty-Message-Kind': d.kind };
    if (d.marketing) {
      const url = unsubscribeUrl(this.env.PUBLIC_BASE_URL, unsubscribeToken(d._id, this.env.MESSAGING_LINK_SECRET));
      const footer = unsubscribeFooter(locale, url);
      text += footer.text;
      html = html ? html + footer.html : null;
      headers['List-Unsubscribe'] = `<${url}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }

    const leaseUntil = new Date(now.getTime() + this.env.MESSAGING_LEASE_MS);
    const messageId = `<${Buffer.from(d._id).toString('hex')}@loyalty.messaging>`;
    const masked = d.channel === 'email' ? maskEmail(address) : maskPhone(address);
    if (
      !(await this.deliveries.markSending(d._id, leaseUntil, now, { locale, maskedAddress: masked, smtpMessageId: d.channel === 'email' ? messageId : null }))
    )
      return; // taken over
    const attempt = d.attempts + 1;
    try {
      // A text message is the body alone (its subject would be noise), with the same footer.
      const detail =
        d.channel === 'email'
          ? (await this.mailer.send({ to: address, subject, text, html, messageId, headers })).response
          : `provider id ${(await this.sms.send(address, text.trim(), d._id)).providerId}`;
      await this.deliveries.transition(
        d._id,
        'sending',
        { status: 'sent', reason: null, sentAt: this.clock.now() },
        { at: this.clock.now(), outcome: 'sent', detail: detail.slice(0, 200) },
      );
      this.logger.log({ msg: 'message sent', deliveryId: d._id, kind: d.kind, channel: d.channel, attempt });
    } catch (err) {
      const failure = err instanceof SmsSendError ? { temporary: err.temporary, reason: err.reason } : classifySmtpError(err);
      this.logger.warn({ msg: 'message not sent', deliveryId: d._id, attempt, reason: failure.reason, temporary: failure.temporary });
      if (failure.temporary) return this.retryLater(d, 'sending', attempt, failure.reason, retry);
      return this.finish(d, 'sending', 'failed', failure.reason);
    }
  }

  /** Back to the queue with backoff, or given up once the attempts are used. */
  private async retryLater(d: Delivery, from: 'preparing' | 'sending', attempt: number, reason: string, retry: boolean): Promise<void> {
    const now = this.clock.now();
    if (!retry) return this.finish(d, from, 'failed', reason);
    if (attempt >= this.env.MESSAGING_MAX_ATTEMPTS) return this.finish(d, from, 'failed', `attempts_exhausted:${reason}`);
    const next = new Date(now.getTime() + retryDelayMs(attempt, this.env.MESSAGING_RETRY_BASE_MS, this.env.MESSAGING_RETRY_MAX_MS));
    await this.deliveries.transition(
      d._id,
      from,
      { status: 'queued', reason, nextAttemptAt: next },
      { at: now, outcome: 'retry', detail: `${reason}; next attempt ${next.toISOString()}` },
    );
  }

  private async finish(d: Delivery, from: 'preparing' | 'sending', status: 'skipped' | 'failed', reason: string): Promise<void> {
    await this.deliveries.transition(d._id, from, { status, reason }, { at: this.clock.now(), outcome: status, detail: reason });
  }
}
