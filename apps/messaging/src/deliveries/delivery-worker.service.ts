import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Clock, PeriodicPass } from '@app/common';
import { MessagingEnv } from '../config/messaging.env';
import { DeliveriesRepository } from './deliveries.repository';
import { SendDelivery } from './usecases/send-delivery.usecase';

/** Messages one pass handles at most (the next tick continues). */
const PER_PASS = 200;

/**
 * Every MESSAGING_POLL_MS: take due messages one by one and deliver them; give up, as failed with
 * an unknown outcome, the ones a vanished worker was handing to the SMTP server (never resent:
 * at most once). Several instances may run: claims are conditional updates.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly passes = new PeriodicPass(
    () => this.pass(),
    (err) => this.logger.warn({ msg: 'delivery pass failed; next pass retries', error: String(err) }),
  );

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly send: SendDelivery,
    private readonly env: MessagingEnv,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.passes.start(this.env.MESSAGING_POLL_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.passes.stop();
  }

  /** One pass (a pass already running is joined, not doubled); returns the messages handled. */
  runOnce(): Promise<number> {
    return this.passes.run();
  }

  private async pass(): Promise<number> {
    const now = this.clock.now();
    for (const d of await this.deliveries.findAbandonedSends(now, PER_PASS)) {
      await this.deliveries.transition(
        d._id,
        'sending',
        { status: 'failed', reason: 'outcome_unknown' },
        { at: now, outcome: 'failed', detail: 'the worker sending it vanished; not resent (at most once)' },
      );
    }
    let handled = 0;
    while (handled < PER_PASS) {
      const at = this.clock.now();
      const d = await this.deliveries.claimDue(at, new Date(at.getTime() + this.env.MESSAGING_LEASE_MS));
      if (!d) break;
      handled += 1;
      await this.send.execute(d);
    }
    return handled;
  }
}
