import { Injectable } from '@nestjs/common';
import { DeliveriesRepository } from '../deliveries/deliveries.repository';

export interface MessagingMemberData {
  /** Every message to the member: what, when, status, and the (masked) address it went to. */
  deliveries: Array<{
    id: string;
    kind: string;
    channel: string;
    campaignId: string | null;
    status: string;
    reason: string | null;
    requestedAt: string;
    sentAt: string | null;
    addressUsed: string | null;
  }>;
  /** The addresses messages went to, masked as stored (the addresses themselves are held by members). */
  contactAddressesUsed: string[];
}

/** What messaging holds about a member, for the platform's data export. */
@Injectable()
export class MemberDataService {
  constructor(private readonly deliveries: DeliveriesRepository) {}

  async export(memberId: string): Promise<{ service: 'messaging'; memberId: string; data: MessagingMemberData }> {
    const rows = await this.deliveries.forMember(memberId);
    const deliveries = rows.map((d) => ({
      id: d._id,
      kind: d.kind,
      channel: d.channel,
      campaignId: d.campaignId,
      status: d.status,
      reason: d.reason,
      requestedAt: d.requestedAt.toISOString(),
      sentAt: d.sentAt ? d.sentAt.toISOString() : null,
      addressUsed: d.maskedAddress,
    }));
    const contactAddressesUsed = [...new Set(rows.map((d) => d.maskedAddress).filter((a): a is string => a !== null))];
    return { service: 'messaging', memberId, data: { deliveries, contactAddressesUsed } };
  }
}
