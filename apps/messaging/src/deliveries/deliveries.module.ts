import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ContactsModule } from '../contacts/contacts.module';
import { EmailModule } from '../email/email.module';
import { SmsModule } from '../sms/sms.module';
import { TemplatesModule } from '../templates/templates.module';
import { CampaignEventsController } from './campaign-events.controller';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveriesService } from './deliveries.service';
import { DELIVERY_MODEL, DeliverySchema } from './delivery.schema';
import { DeliveryWorker } from './delivery-worker.service';
import { RequestMessage } from './usecases/request-message.usecase';
import { SendDelivery } from './usecases/send-delivery.usecase';
import { SendSignInCode } from './usecases/send-sign-in-code.usecase';
import { SignInCodesController } from './sign-in-codes.controller';

/** Messages: queued from requests, delivered by the worker, visible by status. */
@Module({
  imports: [MongooseModule.forFeature([{ name: DELIVERY_MODEL, schema: DeliverySchema }]), ContactsModule, EmailModule, SmsModule, TemplatesModule],
  controllers: [CampaignEventsController, DeliveriesController, SignInCodesController],
  providers: [DeliveriesRepository, DeliveriesService, RequestMessage, SendDelivery, SendSignInCode, DeliveryWorker],
  exports: [DeliveriesRepository, DeliveryWorker, RequestMessage],
})
export class DeliveriesModule {}
