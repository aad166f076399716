import type { ServiceDescriptor } from '@app/common';
import { MessagingEnv } from './config/messaging.env';
import { MessagingModule } from './messaging.module';

export const messagingService: ServiceDescriptor<MessagingEnv> = {
  service: 'messaging',
  envClass: MessagingEnv,
  module: (env, options) => MessagingModule.register(env, options),
  openApi: {
    title: 'Messaging service',
    description:
      'Reaching customers: email delivery of campaign and service messages, templates, unsubscribe, quiet hours, frequency caps, webhooks for integrators.',
  },
};
