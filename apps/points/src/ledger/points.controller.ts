import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, type Actor } from '@app/common';
import { RequirePermission } from '@app/access';
import { LedgerService } from './ledger.service';
import { LedgerJobsService, type JobReport } from './ledger-jobs.service';
import { PointsAccountService } from './points-account.service';
import {
  AdjustmentDto,
  AdjustmentResponse,
  BalanceQuery,
  BalanceResponse,
  HistoryPage,
  HistoryQuery,
  JobReportResponse,
  ReconcileQuery,
  ReconcileResponse,
  RedeemDto,
  RedemptionResponse,
} from './dto/points.dto';

@ApiTags('points')
@Controller('v1/members/:memberId/points')
export class PointsController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly account: PointsAccountService,
  ) {}

  @Get('balance')
  @RequirePermission('points.balance.read')
  @ApiOperation({ summary: 'Available, pending and expiring points (customer: own; staff; pos)' })
  @ApiOkResponse({ type: BalanceResponse })
  async balance(@CurrentActor() actor: Actor, @Param('memberId') memberId: string, @Query() query: BalanceQuery): Promise<BalanceResponse> {
    return this.ledger.balanceView(memberId, query.days ?? 30);
  }

  @Get('history')
  @RequirePermission('points.history.read')
  @ApiOperation({ summary: 'Ledger lines, newest first, with reasons (customer: own; staff)' })
  @ApiOkResponse({ type: HistoryPage })
  async history(@CurrentActor() actor: Actor, @Param('memberId') memberId: string, @Query() query: HistoryQuery): Promise<HistoryPage> {
    return this.account.history(memberId, query.cursor, query.limit ?? 20);
  }

  @Post('redemptions')
  @RequirePermission('points.redeem')
  @ApiOperation({ summary: 'Spend points (customer: own; pos for its store; admin). Never overdraws. 422 POINTS.INSUFFICIENT_BALANCE' })
  @ApiCreatedResponse({ type: RedemptionResponse })
  async redeem(
    @CurrentActor() actor: Actor,
    @Param('memberId') memberId: string,
    @Body() body: RedeemDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RedemptionResponse> {
    const { replayed, result } = await this.account.redeem(memberId, body);
    res.status(replayed ? 200 : 201);
    return result;
  }

  @Post('adjustments')
  @RequirePermission('points.adjust')
  @ApiOperation({ summary: 'Manual adjustment with reason, audited with the actor (admin, service_supervisor)' })
  @ApiCreatedResponse({ type: AdjustmentResponse })
  async adjust(
    @CurrentActor() actor: Actor,
    @Param('memberId') memberId: string,
    @Body() body: AdjustmentDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AdjustmentResponse> {
    const { replayed, result } = await this.account.adjust(memberId, body, actor);
    res.status(replayed ? 200 : 201);
    return result;
  }
}

@ApiTags('points admin')
@Controller('v1/points')
export class PointsAdminController {
  constructor(
    private readonly account: PointsAccountService,
    private readonly jobs: LedgerJobsService,
  ) {}

  @Get('reconciliation')
  @RequirePermission('points.reconciliation.read')
  @ApiOperation({ summary: 'Recompute balances from the ledger and report drift (admin, auditor)' })
  @ApiOkResponse({ type: ReconcileResponse })
  async reconcile(@CurrentActor() actor: Actor, @Query() query: ReconcileQuery): Promise<ReconcileResponse> {
    return this.account.reconcile(query.memberId, false);
  }

  @Post('reconciliation/repair')
  @RequirePermission('points.reconciliation.repair')
  @HttpCode(200)
  @ApiOperation({ summary: 'Recompute balances from the ledger and set drifted balances to the ledger totals (admin)' })
  @ApiOkResponse({ type: ReconcileResponse })
  async repair(@CurrentActor() actor: Actor, @Query() query: ReconcileQuery): Promise<ReconcileResponse> {
    return this.account.reconcile(query.memberId, true);
  }

  @Post('jobs/run')
  @RequirePermission('points.jobs.run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the scheduled jobs now: pending release, expiry, in-flight repair (admin)' })
  @ApiOkResponse({ type: JobReportResponse })
  async runJobs(): Promise<JobReport> {
    return this.jobs.runAll();
  }
}
