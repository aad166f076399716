import { IsInt, IsISO8601, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';

/**
 * A campaign treated a member with bonus points. The points service credits them once
 * (ledger key `campaign:<grantId>`); segments publishes one per treated (campaign, member, occurrence).
 */
export class CampaignPointsGrantedV1 {
  @Matches(/^grt_[0-9a-f-]{36}$/) grantId!: string;
  @IsString() @MaxLength(64) campaignId!: string;
  @IsString() @MaxLength(64) memberId!: string;
  @IsInt() @Min(1) @Max(1_000_000) points!: number;
  @IsISO8601() grantedAt!: string;
}

export const CampaignPointsGrantedV1Event = defineEvent({
  type: 'campaign.points.granted',
  version: 1,
  description: 'A campaign granted bonus points to a member (applied once by points).',
  payload: CampaignPointsGrantedV1,
  key: (p) => p.memberId,
});
