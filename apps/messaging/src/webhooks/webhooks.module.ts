import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { WEBHOOK_DELIVERY_MODEL, WEBHOOK_ENDPOINT_MODEL, WebhookDeliverySchema, WebhookEndpointSchema } from './webhook.schema';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { WebhookFanOut } from './webhook-fan-out.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** Outbound webhooks for integrators: signed event deliveries with retries, pause and replay. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: WEBHOOK_ENDPOINT_MODEL, schema: WebhookEndpointSchema },
      { name: WEBHOOK_DELIVERY_MODEL, schema: WebhookDeliverySchema },
    ]),
  ],
  controllers: [WebhooksController],
  providers: [WebhooksRepository, WebhooksService, WebhookFanOut, WebhookDispatcher],
  exports: [WebhookDispatcher, WebhookFanOut],
})
export class WebhooksModule {}
