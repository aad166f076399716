import { Module, type DynamicModule } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { PlatformModule, type ServiceModuleOptions } from '@app/common';
import type { FeedbackEnv } from './config/feedback.env';
import { CasesModule } from './cases/cases.module';
import { EscalationModule } from './escalation/escalation.module';
import { FaqModule } from './faq/faq.module';
import { MetricsModule } from './metrics/metrics.module';
import { PrivacyModule } from './privacy/privacy.module';
import { SlaModule } from './sla/sla.module';
import { SurveysModule } from './surveys/surveys.module';

/** Root module of the feedback service: the platform plus one module per feature folder. */
@Module({})
export class FeedbackModule {
  static register(env: FeedbackEnv, options: ServiceModuleOptions = {}): DynamicModule {
    return {
      module: FeedbackModule,
      imports: [
        PlatformModule.forRoot({ service: 'feedback', env, ...options }),
        AccessModule,
        SlaModule,
        FaqModule,
        CasesModule,
        EscalationModule,
        SurveysModule,
        MetricsModule,
        PrivacyModule,
      ],
    };
  }
}
