import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@app/common';
import { RequirePermission } from '@app/access';
import { HeldSalesPageDto, HoldReviewResultDto, ListHoldsQuery, ReverseHoldDto, ReviewHoldDto } from './dto/hold.dto';
import { ReviewHold } from './usecases/review-hold.usecase';

/** Sales held for review because their total is far above the store's usual basket. */
@ApiTags('pos')
@Controller('v1/points/holds')
export class HoldsController {
  constructor(private readonly review: ReviewHold) {}

  @Get()
  @RequirePermission('points.pending.review')
  @ApiOperation({
    summary: 'Sales whose points are held for review (admin, service_supervisor); status held (default), released or reversed; newest first, paginated',
  })
  @ApiOkResponse({ type: HeldSalesPageDto })
  list(@Query() query: ListHoldsQuery): Promise<HeldSalesPageDto> {
    return this.review.list(query);
  }

  @Post(':purchaseId/release')
  @RequirePermission('points.pending.review')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Release a held sale (admin, service_supervisor): its points are credited and its spend counted; repeating answers the same; 409 POS.HOLD_ALREADY_DECIDED if reversed',
  })
  @ApiOkResponse({ type: HoldReviewResultDto })
  release(@CurrentActor() actor: Actor, @Param('purchaseId') purchaseId: string, @Body() body: ReviewHoldDto): Promise<HoldReviewResultDto> {
    return this.review.release(purchaseId, actor, body.note);
  }

  @Post(':purchaseId/reverse')
  @RequirePermission('points.pending.review')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Reverse a held sale (admin, service_supervisor), with a note: its points are never credited nor its spend counted; 409 POS.HOLD_ALREADY_DECIDED if released',
  })
  @ApiOkResponse({ type: HoldReviewResultDto })
  reverse(@CurrentActor() actor: Actor, @Param('purchaseId') purchaseId: string, @Body() body: ReverseHoldDto): Promise<HoldReviewResultDto> {
    return this.review.reverse(purchaseId, actor, body.note);
  }
}
