import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { LedgerModule } from '../ledger/ledger.module';
import { COUPON_GRANT_REFUSAL_MODEL, COUPON_MODEL, CouponGrantRefusalSchema, CouponSchema, REWARD_MODEL, RewardSchema } from './rewards.schema';
import { MembersModule } from '../members/members.module';
import { CouponGrantsService } from './coupon-grants.service';
import { CouponGrantsHandler } from './coupon-grants.handler';
import { RewardsRepository } from './rewards.repository';
import { CouponsService } from './coupons.service';
import { RewardsController } from './rewards.controller';

/** Rewards catalogue, coupons bought with points, and coupons granted by other services. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: REWARD_MODEL, schema: RewardSchema },
      { name: COUPON_MODEL, schema: CouponSchema },
      { name: COUPON_GRANT_REFUSAL_MODEL, schema: CouponGrantRefusalSchema },
    ]),
    LedgerModule,
    MembersModule,
  ],
  controllers: [RewardsController, CouponGrantsHandler],
  providers: [RewardsRepository, CouponsService, CouponGrantsService],
  exports: [RewardsRepository],
})
export class RewardsModule {}
