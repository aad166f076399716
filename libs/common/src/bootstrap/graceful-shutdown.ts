import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { OutboxRelay } from '../outbox/outbox.relay';
import { ConsumerHolder } from '../metrics/consumer-holder';

/**
 * Shutdown in the order that loses nothing: stop consuming (in-flight handlers finish and
 * their offsets commit), then flush the outbox, then Nest closes HTTP and the connections.
 */
@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger(GracefulShutdown.name);
  constructor(
    private readonly relay: OutboxRelay,
    private readonly holder: ConsumerHolder,
  ) {}

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log({ msg: 'shutting down', signal });
    await this.holder.consumer?.close();
    await this.relay.stop();
  }
}
