import { Module, type DynamicModule } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { PlatformModule, type ServiceModuleOptions } from '@app/common';
import type { SegmentsEnv } from './config/segments.env';
import { AudienceModule } from './audience/audience.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { PrivacyModule } from './privacy/privacy.module';
import { ProfilesModule } from './profiles/profiles.module';

/** Root module of the segments service: the platform plus one module per feature folder. */
@Module({})
export class SegmentsModule {
  static register(env: SegmentsEnv, options: ServiceModuleOptions = {}): DynamicModule {
    return {
      module: SegmentsModule,
      imports: [PlatformModule.forRoot({ service: 'segments', env, ...options }), AccessModule, AudienceModule, ProfilesModule, CampaignsModule, PrivacyModule],
    };
  }
}
