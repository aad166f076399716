import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermission } from '@app/access';
import { IDEMPOTENT_REPLAYED_HEADER } from '@app/common';
import { ClaimDto, ReturnDto, SaleBatchDto, SaleDto } from './dto/sale.dto';
import { BatchResultDto, ClaimResultDto, ReturnResultDto, SaleResultDto } from './dto/sale-result.dto';
import { RecordSale } from './usecases/record-sale.usecase';
import { RecordSaleBatch } from './usecases/record-sale-batch.usecase';
import { RecordReturn } from './usecases/record-return.usecase';
import { ClaimPurchase } from './usecases/claim-purchase.usecase';

function answer<T>(res: Response, outcome: { replayed: boolean; result: T }): T {
  res.status(outcome.replayed ? 200 : 201);
  if (outcome.replayed) res.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
  return outcome.result;
}

@ApiTags('pos')
@Controller('v1/pos')
export class PosController {
  constructor(
    private readonly recordSale: RecordSale,
    private readonly recordBatch: RecordSaleBatch,
    private readonly recordReturn: RecordReturn,
  ) {}

  @Post('transactions')
  @RequirePermission('pos.sale.record')
  @ApiOperation({
    summary:
      'Record a sale and credit its points (pos for its store, store_manager, admin). Idempotent on (storeId, transactionId): 201 first, 200 replay; 409 POS.DUPLICATE_TRANSACTION_CONFLICT if the body differs; 422 POS.MEMBER_UNKNOWN (sale still recorded, claimable).',
  })
  @ApiCreatedResponse({ type: SaleResultDto })
  @ApiOkResponse({ type: SaleResultDto, description: 'A retry: the original answer' })
  async sale(@Body() body: SaleDto, @Res({ passthrough: true }) res: Response): Promise<SaleResultDto> {
    return answer(res, await this.recordSale.execute(body));
  }

  @Post('transactions/batch')
  @RequirePermission('pos.sale.batch')
  @HttpCode(200)
  @ApiOperation({ summary: 'Upload up to 1000 sales of an offline store; each has its own idempotency and result' })
  @ApiOkResponse({ type: BatchResultDto })
  async batch(@Body() body: SaleBatchDto): Promise<BatchResultDto> {
    return this.recordBatch.execute(body.transactions, body.storeId);
  }

  @Post('returns')
  @RequirePermission('pos.return.record')
  @ApiOperation({
    summary: 'Record a full or partial return; points reversed in proportion to the refund. Idempotent on (storeId, transactionId) of the return.',
  })
  @ApiCreatedResponse({ type: ReturnResultDto })
  @ApiOkResponse({ type: ReturnResultDto, description: 'A retry: the original answer' })
  async return(@Body() body: ReturnDto, @Res({ passthrough: true }) res: Response): Promise<ReturnResultDto> {
    return answer(res, await this.recordReturn.execute(body));
  }
}

@ApiTags('pos')
@Controller('v1/members/:memberId/claims')
export class ClaimsController {
  constructor(private readonly claimPurchase: ClaimPurchase) {}

  @Post()
  @RequirePermission('points.claim')
  @ApiOperation({ summary: 'Claim a sale recorded without a known member (customer for self, service staff, admin); within the claim window, once' })
  @ApiCreatedResponse({ type: ClaimResultDto })
  async claim(@Param('memberId') memberId: string, @Body() body: ClaimDto, @Res({ passthrough: true }) res: Response): Promise<ClaimResultDto> {
    return answer(res, await this.claimPurchase.execute(memberId, body));
  }
}
