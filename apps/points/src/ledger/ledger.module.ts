import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import {
  BALANCE_MODEL,
  BalanceSchema,
  DAILY_EARNING_MODEL,
  DailyEarningSchema,
  LEDGER_ENTRY_MODEL,
  LedgerEntrySchema,
  LOT_MODEL,
  LotSchema,
} from './ledger.schema';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';
import { InflightClearer } from './inflight-clearer';
import { LedgerJobsService } from './ledger-jobs.service';
import { PointsAccountService } from './points-account.service';
import { PointsAdminController, PointsController } from './points.controller';
import { CompensationHandler } from './compensation.handler';

/** The append-only ledger, balances, lots (pending, expiry), redemptions and adjustments. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: LEDGER_ENTRY_MODEL, schema: LedgerEntrySchema },
      { name: BALANCE_MODEL, schema: BalanceSchema },
      { name: LOT_MODEL, schema: LotSchema },
      { name: DAILY_EARNING_MODEL, schema: DailyEarningSchema },
    ]),
  ],
  controllers: [PointsController, PointsAdminController, CompensationHandler],
  providers: [LedgerRepository, LedgerService, InflightClearer, LedgerJobsService, PointsAccountService],
  exports: [LedgerService, LedgerRepository],
})
export class LedgerModule {}
