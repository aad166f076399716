import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AudienceModule } from '../audience/audience.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { CampaignAudience } from './campaign-audience.service';
import { CampaignResults } from './campaign-results.service';
import { TriggerEventsHandler } from './trigger-events.handler';
import { RunTriggers } from './usecases/run-triggers.usecase';
import { TreatMembers } from './usecases/treat-members.usecase';
import { CAMPAIGN_MODEL, CAMPAIGN_RECIPIENT_MODEL, CampaignRecipientSchema, CampaignSchema } from './campaigns.schema';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import { CampaignsController } from './campaigns.controller';
import { DispatchCampaign } from './usecases/dispatch-campaign.usecase';
import { CouponOutcomeHandler } from './coupon-outcome.handler';

/** Marketing campaigns (explicit or segment audiences, one-off or triggered, messages or points), treating only members with marketing consent. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: CAMPAIGN_MODEL, schema: CampaignSchema },
      { name: CAMPAIGN_RECIPIENT_MODEL, schema: CampaignRecipientSchema },
    ]),
    AudienceModule,
    ProfilesModule,
  ],
  controllers: [CampaignsController, TriggerEventsHandler, CouponOutcomeHandler],
  providers: [CampaignsRepository, CampaignsService, CampaignAudience, TreatMembers, DispatchCampaign, RunTriggers, CampaignResults],
  exports: [CampaignsRepository],
})
export class CampaignsModule {}
