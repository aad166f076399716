import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AudienceModule } from '../audience/audience.module';
import { CAMPAIGN_MODEL, CAMPAIGN_RECIPIENT_MODEL, CampaignRecipientSchema, CampaignSchema } from './campaigns.schema';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import { CampaignsController } from './campaigns.controller';
import { DispatchCampaign } from './usecases/dispatch-campaign.usecase';

/** Marketing campaigns to explicit audiences, sent only to members with marketing consent. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: CAMPAIGN_MODEL, schema: CampaignSchema },
      { name: CAMPAIGN_RECIPIENT_MODEL, schema: CampaignRecipientSchema },
    ]),
    AudienceModule,
  ],
  controllers: [CampaignsController],
  providers: [CampaignsRepository, CampaignsService, DispatchCampaign],
  exports: [CampaignsRepository],
})
export class CampaignsModule {}
