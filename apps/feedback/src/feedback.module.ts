import { Module, type DynamicModule } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { PlatformModule, type ServiceModuleOptions } from '@app/common';
import type { FeedbackEnv } from './config/feedback.env';
import { PrivacyModule } from './privacy/privacy.module';

/** Root module of the feedback service: the platform plus one module per feature folder. */
@Module({})
export class FeedbackModule {
  static register(env: FeedbackEnv, options: ServiceModuleOptions = {}): DynamicModule {
    return {
      module: FeedbackModule,
      imports: [PlatformModule.forRoot({ service: 'feedback', env, ...options }), AccessModule, PrivacyModule],
    };
  }
}
