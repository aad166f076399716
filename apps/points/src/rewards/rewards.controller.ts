import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, type Actor } from '@app/common';
import { RequirePermission } from '@app/access';
import { CouponCodeParam, CouponListResponse, CouponResponse, CreateRewardDto, PosRedeemCouponDto, RedeemRewardDto, RewardResponse } from './dto/rewards.dto';
import { CouponsService } from './coupons.service';

function answer<T>(res: Response, outcome: { replayed: boolean; result: T }): T {
  res.status(outcome.replayed ? 200 : 201);
  return outcome.result;
}

@ApiTags('rewards')
@Controller()
export class RewardsController {
  constructor(private readonly coupons: CouponsService) {}

  @Post('v1/rewards')
  @RequirePermission('rewards.write')
  @ApiOperation({ summary: 'Add a reward to the catalogue (admin, marketing)' })
  @ApiCreatedResponse({ type: RewardResponse })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateRewardDto): Promise<RewardResponse> {
    return this.coupons.createReward(body, actor);
  }

  @Get('v1/rewards')
  @RequirePermission('rewards.read')
  @ApiOperation({ summary: 'The rewards catalogue (customers see active rewards)' })
  @ApiOkResponse({ type: [RewardResponse] })
  async list(@CurrentActor() actor: Actor): Promise<RewardResponse[]> {
    return this.coupons.listRewards(actor.role === 'customer' || actor.role === 'pos');
  }

  @Post('v1/members/:memberId/rewards/:rewardId/redeem')
  @RequirePermission('rewards.redeem')
  @ApiOperation({
    summary: 'Spend points on a reward: issues a coupon (customer: own; service staff). Idempotent on requestId; 422 POINTS.INSUFFICIENT_BALANCE',
  })
  @ApiCreatedResponse({ type: CouponResponse })
  async redeem(
    @CurrentActor() actor: Actor,
    @Param('memberId') memberId: string,
    @Param('rewardId') rewardId: string,
    @Body() body: RedeemRewardDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CouponResponse> {
    return answer(res, await this.coupons.buy(memberId, rewardId, body.requestId));
  }

  @Get('v1/members/:memberId/coupons')
  @RequirePermission('coupons.member.read')
  @ApiOperation({ summary: 'Coupons a member holds or held (customer: own; staff)' })
  @ApiOkResponse({ type: CouponListResponse })
  async memberCoupons(@CurrentActor() actor: Actor, @Param('memberId') memberId: string): Promise<CouponListResponse> {
    return { items: await this.coupons.couponsOf(memberId) };
  }

  @Post('v1/members/:memberId/coupons/:couponId/cancel')
  @RequirePermission('coupons.cancel')
  @ApiOperation({ summary: 'Cancel an unused coupon; its points are refunded once (customer: own; service staff)' })
  @ApiCreatedResponse({ type: CouponResponse })
  async cancel(
    @CurrentActor() actor: Actor,
    @Param('memberId') memberId: string,
    @Param('couponId') couponId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CouponResponse> {
    return answer(res, await this.coupons.cancel(memberId, couponId, actor));
  }

  @Post('v1/pos/coupons/:code/redeem')
  @RequirePermission('pos.coupon.redeem')
  @ApiOperation({ summary: 'Use a coupon at the till (pos for its store). Once; a retry with the same transactionId answers 200' })
  @ApiCreatedResponse({ type: CouponResponse })
  async redeemAtTill(
    @CurrentActor() actor: Actor,
    @Param() params: CouponCodeParam,
    @Body() body: PosRedeemCouponDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CouponResponse> {
    return answer(res, await this.coupons.redeemAtTill(params.code, body.storeId, body.transactionId ?? null));
  }
}
