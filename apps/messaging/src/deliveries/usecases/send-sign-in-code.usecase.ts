import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { MessagingEnv } from '../../config/messaging.env';
import { DeliveriesRepository } from '../deliveries.repository';
import type { DeliveryStatus } from '../delivery.schema';
import { newDelivery } from './request-message.usecase';
import { SendDelivery } from './send-delivery.usecase';

export interface SignInCodeRequest {
  requestId: string;
  memberId: string;
  channel: 'email' | 'sms';
  code: string;
  expiresInMinutes: number;
}

/**
 * Send a sign-in code now, for the gateway. The code is a secret: it is rendered from memory and
 * never stored (the message record keeps no values), so a message that could not go out is not
 * retried: the customer asks for a new code. Once per request id.
 */
@Injectable()
export class SendSignInCode {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly send: SendDelivery,
    private readonly env: MessagingEnv,
    private readonly clock: Clock,
  ) {}

  async execute(r: SignInCodeRequest): Promise<{ deliveryId: string; status: DeliveryStatus }> {
    const now = this.clock.now();
    const deliveryId = `sign-in:${r.requestId}`;
    const stored = newDelivery(
      {
        _id: deliveryId,
        kind: 'sign_in_code',
        marketing: false,
        channel: r.channel,
        memberId: r.memberId,
        campaignId: null,
        requestedAt: now,
        status: 'preparing',
        leaseUntil: new Date(now.getTime() + this.env.MESSAGING_LEASE_MS),
      },
      now,
    );
    if (!(await this.deliveries.insert(stored))) return { deliveryId, status: (await this.deliveries.find(deliveryId))?.status ?? 'failed' };
    const status = await this.send.execute({ ...stored, values: { code: r.code, expiresInMinutes: String(r.expiresInMinutes) } }, { retry: false });
    return { deliveryId, status };
  }
}
