import { Module, type DynamicModule } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { PlatformModule, type ServiceModuleOptions } from '@app/common';
import type { MessagingEnv } from './config/messaging.env';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { PrivacyModule } from './privacy/privacy.module';
import { TemplatesModule } from './templates/templates.module';
import { UnsubscribeModule } from './unsubscribe/unsubscribe.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { EventsModule } from './events/events.module';

/** Root module of the messaging service: the platform plus one module per feature folder. */
@Module({})
export class MessagingModule {
  static register(env: MessagingEnv, options: ServiceModuleOptions = {}): DynamicModule {
    return {
      module: MessagingModule,
      imports: [
        PlatformModule.forRoot({ service: 'messaging', env, ...options }),
        AccessModule,
        TemplatesModule,
        DeliveriesModule,
        UnsubscribeModule,
        WebhooksModule,
        EventsModule,
        PrivacyModule,
      ],
    };
  }
}
