import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { UnsubscribeController } from './unsubscribe.controller';
import { UnsubscribeService } from './unsubscribe.service';

/** Unsubscribe links of marketing messages. */
@Module({ imports: [ContactsModule, DeliveriesModule], controllers: [UnsubscribeController], providers: [UnsubscribeService] })
export class UnsubscribeModule {}
