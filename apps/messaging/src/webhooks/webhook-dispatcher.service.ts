import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Clock, PeriodicPass } from '@app/common';
import { MessagingEnv } from '../config/messaging.env';
import { retryDelayMs } from '../deliveries/delivery-policy';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature';
import type { WebhookAttempt, WebhookDelivery } from './webhook.schema';
import { WebhooksRepository } from './webhooks.repository';

const PER_PASS = 200;
/** How long one POST may hold its claim before another worker may retry it. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Every WEBHOOK_POLL_MS: POST due deliveries, signed, and log each answer. A failure is retried
 * with doubling backoff until WEBHOOK_RETRY_WINDOW_HOURS after the first attempt; an endpoint
 * failing WEBHOOK_PAUSE_AFTER_FAILURES times in a row is paused and its events are held until a
 * replay. Delivery is at least once: receivers deduplicate by `x-loyalty-event-id`.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly passes = new PeriodicPass(
    () => this.pass(),
    (err) => this.logger.warn({ msg: 'webhook pass failed; next pass retries', error: String(err) }),
  );

  constructor(
    private readonly repo: WebhooksRepository,
    private readonly env: MessagingEnv,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.passes.start(this.env.WEBHOOK_POLL_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.passes.stop();
  }

  runOnce(): Promise<number> {
    return this.passes.run();
  }

  private async pass(): Promise<number> {
    let handled = 0;
    while (handled < PER_PASS) {
      const now = this.clock.now();
      const d = await this.repo.claimDue(now, new Date(now.getTime() + this.env.WEBHOOK_TIMEOUT_MS + LEASE_MARGIN_MS));
      if (!d) break;
      handled += 1;
      await this.deliver(d);
    }
    return handled;
  }

  private async deliver(d: WebhookDelivery): Promise<void> {
    const endpoint = await this.repo.findEndpoint(d.endpointId);
    if (!endpoint) return this.repo.finishAttempt(d._id, { status: 'failed' }, null);
    if (endpoint.status === 'paused') return this.repo.finishAttempt(d._id, { status: 'held' }, null);

    const at = this.clock.now();
    const attempt = await this.post(endpoint.url, endpoint.secret, d, at);
    if (attempt.status !== null && attempt.status >= 200 && attempt.status < 300) {
      await this.repo.finishAttempt(d._id, { status: 'delivered', deliveredAt: at, firstAttemptAt: d.firstAttemptAt ?? at }, attempt);
      await this.repo.recordSuccess(endpoint._id, at);
      return;
    }
    const first = d.firstAttemptAt ?? at;
    const after = await this.repo.recordFailure(endpoint._id, at, this.env.WEBHOOK_PAUSE_AFTER_FAILURES);
    this.logger.warn({
      msg: 'webhook delivery failed',
      endpointId: endpoint._id,
      deliveryId: d._id,
      status: attempt.status,
      error: attempt.error,
      paused: after?.status === 'paused',
    });
    if (at.getTime() - first.getTime() >= this.env.WEBHOOK_RETRY_WINDOW_HOURS * 3_600_000) {
      await this.repo.finishAttempt(d._id, { status: 'failed', firstAttemptAt: first }, attempt);
    } else if (after?.status === 'paused') {
      await this.repo.finishAttempt(d._id, { status: 'held', firstAttemptAt: first }, attempt);
      await this.repo.holdPending(endpoint._id);
    } else {
      const next = new Date(at.getTime() + retryDelayMs(d.attempts + 1, this.env.WEBHOOK_RETRY_BASE_MS, this.env.WEBHOOK_RETRY_MAX_MS));
      await this.repo.finishAttempt(d._id, { status: 'pending', firstAttemptAt: first, nextAttemptAt: next }, attempt);
    }
  }

  private async post(url: string, secret: string, d: WebhookDelivery, at: Date): Promise<WebhookAttempt> {
    const started = Date.now();
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'loyalty-platform-webhooks/1',
          'x-loyalty-event-id': d.eventId,
          'x-loyalty-event-type': d.eventName,
          'x-loyalty-delivery-id': d._id,
          [SIGNATURE_HEADER]: signWebhook(secret, Math.floor(at.getTime() / 1000), d.body),
        },
        body: d.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.env.WEBHOOK_TIMEOUT_MS),
      });
      const text = await res.text().catch(() => '');
      return { at, status: res.status, error: null, durationMs: Date.now() - started, response: text.slice(0, 200) };
    } catch (err) {
      const e = err as { name?: string; cause?: { code?: string } };
      const error = e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.name ?? 'error');
      return { at, status: null, error, durationMs: Date.now() - started, response: '' };
    }
  }
}
