import { Module } from '@nestjs/common';
import { MessagingEnv } from '../config/messaging.env';
import { NoSmsProvider, SinkSmsProvider, TwilioSmsProvider } from './sms-adapters';
import { SmsProvider } from './sms-provider';

/** The SMS channel: the adapter SMS_PROVIDER names. */
@Module({
  providers: [
    {
      provide: SmsProvider,
      inject: [MessagingEnv],
      useFactory: (env: MessagingEnv): SmsProvider => {
        switch (env.SMS_PROVIDER) {
          case 'twilio':
            return new TwilioSmsProvider(env);
          case 'sink':
            return new SinkSmsProvider(env);
          case 'none':
            return new NoSmsProvider();
        }
      },
    },
  ],
  exports: [SmsProvider],
})
export class SmsModule {}
