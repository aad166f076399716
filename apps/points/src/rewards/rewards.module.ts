import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { LedgerModule } from '../ledger/ledger.module';
import { COUPON_MODEL, CouponSchema, REWARD_MODEL, RewardSchema } from './rewards.schema';
import { RewardsRepository } from './rewards.repository';
import { CouponsService } from './coupons.service';
import { RewardsController } from './rewards.controller';

/** Rewards catalogue and coupons bought with points. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: REWARD_MODEL, schema: RewardSchema },
      { name: COUPON_MODEL, schema: CouponSchema },
    ]),
    LedgerModule,
  ],
  controllers: [RewardsController],
  providers: [RewardsRepository, CouponsService],
  exports: [RewardsRepository],
})
export class RewardsModule {}
