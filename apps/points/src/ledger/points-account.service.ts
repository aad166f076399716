import { Injectable } from '@nestjs/common';
import type { CampaignPointsGrantedV1, PointsCompensationGrantedV1 } from '@app/contracts';
import { Clock, DomainError, EventFactory, ValidationFailedError, type Actor } from '@app/common';
import { PointsEnv } from '../config/points.env';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';
import type { LedgerEntry } from './ledger.schema';
import type { AdjustmentResponse, HistoryPage, ReconcileResponse, RedemptionResponse } from './dto/points.dto';

function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

const REASONS: Record<LedgerEntry['type'], string> = {
  earn: 'purchase',
  release: 'return_window_ended',
  reverse: 'return',
  redeem: 'redemption',
  expire: 'expiry',
  adjust: 'manual_adjustment',
  compensation: 'compensation',
  refund: 'redemption_refund',
  campaign_bonus: 'campaign_bonus',
};

/** Member-facing operations on the ledger: redeem, adjust, compensate, history, reconciliation. */
@Injectable()
export class PointsAccountService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly repo: LedgerRepository,
    private readonly events: EventFactory,
    private readonly clock: Clock,
    private readonly env: PointsEnv,
  ) {}

  /**
   * Spend points. The debit is one conditional update of the balance document
   * (`available >= points`), so concurrent redemptions can never overdraw; the request id makes
   * a retry return the first result.
   */
  async redeem(
    memberId: string,
    req: { requestId: string; points: number; rewardId?: string; storeId?: string },
  ): Promise<{ replayed: boolean; result: RedemptionResponse }> {
    const key = `redeem:${memberId}:${req.requestId}`;
    const existing = await this.repo.findEntry(key);
    if (existing) return { replayed: true, result: await this.redemptionResult(existing, req.points) };
    const now = this.clock.now();
    const event = this.events.create('points.redeemed.v1', {
      memberId,
      redemptionId: key,
      points: req.points,
      rewardId: req.rewardId ?? null,
      storeId: req.storeId ?? null,
      occurredAt: now.toISOString(),
    });
    const posted = await this.ledger.post(
      {
        key,
        memberId,
        type: 'redeem',
        availableDelta: -req.points,
        spentDelta: req.points,
        reference: { requestId: req.requestId, rewardId: req.rewardId ?? null, storeId: req.storeId ?? null },
        occurredAt: now,
      },
      [event],
      { requireAvailable: true },
    );
    if (posted.outcome === 'insufficient') {
      throw new DomainError('POINTS.INSUFFICIENT_BALANCE', 'unprocessable', 'Not enough available points', {
        available: posted.balance.available,
        requested: req.points,
      });
    }
    return { replayed: posted.outcome === 'already', result: { redemptionId: key, memberId, points: req.points, ...posted.balance } };
  }

  private async redemptionResult(entry: LedgerEntry, points: number): Promise<RedemptionResponse> {
    if (-entry.availableDelta !== points) {
      throw new DomainError('POINTS.REDEMPTION_CONFLICT', 'conflict', 'This request id was used for another redemption', { redemptionId: entry._id });
    }
    return { redemptionId: entry._id, memberId: entry.memberId, points, ...(await this.ledger.snapshot(entry.memberId)) };
  }

  /** A manual adjustment (audited: actor, reason code, note). Credits form a lot; debits cannot overdraw. */
  async adjust(
    memberId: string,
    req: { adjustmentId: string; points: number; reasonCode: string; note?: string },
    actor: Actor,
  ): Promise<{ replayed: boolean; result: AdjustmentResponse }> {
    const key = `adjust:${memberId}:${req.adjustmentId}`;
    const existing = await this.repo.findEntry(key);
    if (existing) {
      if (existing.availableDelta !== req.points)
        throw new DomainError('POINTS.ADJUSTMENT_CONFLICT', 'conflict', 'This adjustment id was used with other points');
      return { replayed: true, result: { adjustmentId: req.adjustmentId, memberId, points: req.points, ...(await this.ledger.snapshot(memberId)) } };
    }
    const now = this.clock.now();
    const event = this.events.create('points.adjusted.v1', {
      memberId,
      adjustmentId: key,
      points: req.points,
      reasonCode: req.reasonCode,
      actorId: actor.id,
      actorRole: actor.role,
      occurredAt: now.toISOString(),
    });
    const credit = req.points > 0;
    const posted = await this.ledger.post(
      {
        key,
        memberId,
        type: 'adjust',
        availableDelta: req.points,
        spentDelta: credit ? 0 : -req.points,
        reasonCode: req.reasonCode,
        note: req.note ?? null,
        actor: { id: actor.id, role: actor.role },
        reference: { adjustmentId: req.adjustmentId },
        lot: credit ? { points: req.points, availableAt: now, expiresAt: addMonths(now, this.env.POINTS_EXPIRY_MONTHS), released: true } : null,
        occurredAt: now,
      },
      [event],
      credit ? {} : { requireAvailable: true },
    );
    if (posted.outcome === 'insufficient')
      throw new DomainError('POINTS.INSUFFICIENT_BALANCE', 'unprocessable', 'A debit adjustment cannot exceed the available points', {
        available: posted.balance.available,
      });
    return { replayed: posted.outcome === 'already', result: { adjustmentId: req.adjustmentId, memberId, points: req.points, ...posted.balance } };
  }

  /** Compensation granted by the feedback service: credited once per compensation id. */
  async compensate(p: PointsCompensationGrantedV1): Promise<void> {
    await this.creditOnce({
      key: `compensation:${p.compensationId}`,
      memberId: p.memberId,
      type: 'compensation',
      points: p.points,
      reasonCode: p.reasonCode,
      actorId: 'feedback',
      reference: { compensationId: p.compensationId, caseId: p.caseId },
      at: new Date(p.grantedAt),
    });
  }

  /** Bonus points a segments campaign granted: credited once per grant id. */
  async grantCampaignBonus(p: CampaignPointsGrantedV1): Promise<void> {
    await this.creditOnce({
      key: `campaign:${p.grantId}`,
      memberId: p.memberId,
      type: 'campaign_bonus',
      points: p.points,
      reasonCode: 'campaign_bonus',
      actorId: 'segments',
      reference: { grantId: p.grantId, campaignId: p.campaignId },
      at: new Date(p.grantedAt),
    });
  }

  /** Credit points granted by another service, once per ledger key, announced as points.adjusted.v1. */
  private async creditOnce(c: {
    key: string;
    memberId: string;
    type: 'compensation' | 'campaign_bonus';
    points: number;
    reasonCode: string;
    actorId: string;
    reference: Record<string, string>;
    at: Date;
  }): Promise<void> {
    const event = this.events.create('points.adjusted.v1', {
      memberId: c.memberId,
      adjustmentId: c.key,
      points: c.points,
      reasonCode: c.reasonCode,
      actorId: c.actorId,
      actorRole: 'system',
      occurredAt: c.at.toISOString(),
    });
    await this.ledger.post(
      {
        key: c.key,
        memberId: c.memberId,
        type: c.type,
        availableDelta: c.points,
        reasonCode: c.reasonCode,
        actor: { id: c.actorId, role: 'system' },
        reference: c.reference,
        lot: { points: c.points, availableAt: c.at, expiresAt: addMonths(this.clock.now(), this.env.POINTS_EXPIRY_MONTHS), released: true },
        occurredAt: c.at,
      },
      [event],
    );
  }

  async history(memberId: string, cursor: string | undefined, limit: number): Promise<HistoryPage> {
    const after = cursor ? decodeCursor(cursor) : null;
    const rows = await this.repo.history(memberId, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((e) => ({
        id: e._id,
        type: e.type,
        available: e.availableDelta,
        pending: e.pendingDelta,
        reason: e.reasonCode ?? REASONS[e.type],
        reference: e.reference,
        occurredAt: new Date(e.occurredAt).toISOString(),
        recordedAt: new Date(e.recordedAt).toISOString(),
      })),
      nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([new Date(last.recordedAt).toISOString(), last._id])).toString('base64url') : null,
    };
  }

  /** Recompute balances from the ledger and report (optionally repair) drift. */
  async reconcile(memberId: string | undefined, repair: boolean): Promise<ReconcileResponse> {
    // Balances first, then finish every entry in flight, then the ledger: an entry counted in a
    // balance read is in the ledger by then; a write after the read makes the repair's
    // compare-and-set fail instead of writing a wrong total.
    const balances = await this.repo.allBalances(memberId);
    await this.ledger.sweepInflight(-3_600_000);
    const totals = await this.repo.totalsFromLedger(memberId);
    const byMember = new Map(totals.map((t) => [t.memberId, t]));
    const drift: ReconcileResponse['drift'] = [];
    for (const b of balances) {
      const t = byMember.get(b._id) ?? { memberId: b._id, available: 0, pending: 0, spent: 0 };
      if (t.available === b.available && t.pending === b.pending && t.spent === b.spent) continue;
      drift.push({
        memberId: b._id,
        stored: { available: b.available, pending: b.pending, spent: b.spent },
        fromLedger: { available: t.available, pending: t.pending, spent: t.spent },
        repaired: repair ? await this.repo.setBalance(b, t) : false,
      });
    }
    return { membersChecked: balances.length, drifted: drift.length, drift };
  }
}

function decodeCursor(cursor: string): { recordedAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const recordedAt = new Date(at);
    if (typeof id !== 'string' || Number.isNaN(recordedAt.getTime())) throw new Error('bad cursor');
    return { recordedAt, id };
  } catch {
    throw new ValidationFailedError([{ field: 'cursor', rule: 'isCursor', message: 'cursor is not one this API returned' }]);
  }
}
