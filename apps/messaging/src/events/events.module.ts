import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { PlatformEventsController } from './platform-events.controller';

/** The one consumer of the platform's domain events in messaging (webhooks and member notices). */
@Module({ imports: [DeliveriesModule, WebhooksModule], controllers: [PlatformEventsController] })
export class EventsModule {}
