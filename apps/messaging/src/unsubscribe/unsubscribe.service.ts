import { Injectable, Logger } from '@nestjs/common';
import { MessagingEnv } from '../config/messaging.env';
import { MembersClient } from '../contacts/members.client';
import { DeliveriesRepository } from '../deliveries/deliveries.repository';
import { readUnsubscribeToken } from './unsubscribe-token';
import { UnsubscribeErrors } from './unsubscribe.errors';

/**
 * A member followed the unsubscribe link of a marketing message: marketing consent is withdrawn
 * in the members service (the owner of consent), which announces it to everyone (segments stops
 * choosing the member for campaigns; messages queued here are skipped at send time).
 */
@Injectable()
export class UnsubscribeService {
  private readonly logger = new Logger(UnsubscribeService.name);

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly members: MembersClient,
    private readonly env: MessagingEnv,
  ) {}

  /** Check a link without acting on it (the confirmation page). */
  async check(token: string): Promise<void> {
    await this.memberOf(token);
  }

  async unsubscribe(token: string): Promise<void> {
    const memberId = await this.memberOf(token);
    if (!(await this.members.withdrawMarketing(memberId))) throw UnsubscribeErrors.memberGone();
    this.logger.log({ msg: 'marketing consent withdrawn by unsubscribe link', memberId });
  }

  private async memberOf(token: string): Promise<string> {
    const deliveryId = readUnsubscribeToken(token, this.env.MESSAGING_LINK_SECRET);
    if (!deliveryId) throw UnsubscribeErrors.invalidLink();
    const delivery = await this.deliveries.find(deliveryId);
    if (!delivery) throw UnsubscribeErrors.invalidLink();
    return delivery.memberId;
  }
}
