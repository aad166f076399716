import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { PosModule } from '../pos/pos.module';
import { RewardsModule } from '../rewards/rewards.module';
import { MemberDataController } from './member-data.controller';
import { MemberDataService } from './member-data.service';

/** What points holds about a member, for the platform's data export. */
@Module({ imports: [LedgerModule, PosModule, RewardsModule], controllers: [MemberDataController], providers: [MemberDataService] })
export class PrivacyModule {}
