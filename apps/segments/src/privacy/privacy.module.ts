import { Module } from '@nestjs/common';
import { AudienceModule } from '../audience/audience.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { MemberDataController } from './member-data.controller';
import { MemberDataService } from './member-data.service';

/** What segments holds about a member, for the platform's data export. */
@Module({ imports: [AudienceModule, ProfilesModule, CampaignsModule], controllers: [MemberDataController], providers: [MemberDataService] })
export class PrivacyModule {}
