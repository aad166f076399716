import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { MemberDataController } from './member-data.controller';
import { MemberDataService } from './member-data.service';

/** What messaging holds about a member, for the platform's data export. */
@Module({ imports: [DeliveriesModule], controllers: [MemberDataController], providers: [MemberDataService] })
export class PrivacyModule {}
