import { IsIn, IsISO8601, IsString, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';

export const CAMPAIGN_KINDS = ['welcome', 'birthday', 'win_back', 'vip_care', 'points_expiring', 'custom'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export const CAMPAIGN_CHANNELS = ['email', 'sms', 'push', 'app'] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];

/**
 * A campaign asks for one message to one member who had marketing consent at dispatch time.
 * Published once per (campaign, member). Ids only: whoever delivers the message looks up the
 * contact details (with consent checked again) in the members service.
 */
export class CampaignMessageRequestedV1 {
  @IsString() @MaxLength(64) campaignId!: string;
  @IsString() @MaxLength(64) memberId!: string;
  @IsIn(CAMPAIGN_CHANNELS) channel!: CampaignChannel;
  @IsIn(CAMPAIGN_KINDS) kind!: CampaignKind;
  @IsISO8601() requestedAt!: string;
}

export const CampaignMessageRequestedV1Event = defineEvent({
  type: 'campaign.message.requested',
  version: 1,
  description: 'A campaign requested a message to a member who had marketing consent at dispatch (once per campaign and member).',
  payload: CampaignMessageRequestedV1,
  key: (p) => p.memberId,
});
