import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from '@app/common';
import { LIFECYCLE_STAGES, RFM_SEGMENTS, type RfmSegment } from '@app/contracts';
import { SegmentsEnv } from '../config/segments.env';
import type { GridResponse, MemberProfileResponse, RecomputeJobResponse, SegmentMemberPage, SegmentOverviewResponse } from './dto/profiles.dto';
import type { MemberFeatures } from './features';
import { ProfileErrors } from './profiles.errors';
import { ProfilesRepository } from './profiles.repository';
import type { RecomputeJob } from './profiles.schema';
import { RecomputeJobService } from './recompute-job.service';

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

export function featuresView(f: MemberFeatures) {
  return { ...f, firstPurchaseAt: iso(f.firstPurchaseAt), lastPurchaseAt: iso(f.lastPurchaseAt) };
}

export function jobView(j: RecomputeJob): RecomputeJobResponse {
  return {
    jobId: j._id,
    status: j.status,
    phase: j.phase,
    trigger: j.trigger,
    total: j.total,
    processed: j.processed,
    moves: { ...j.moves },
    startedAt: iso(j.startedAt)!,
    finishedAt: iso(j.finishedAt),
    error: j.error,
  };
}

/** Marketing's reads of segments and profiles (ids and scores only), and the recompute. */
@Injectable()
export class ProfilesService {
  constructor(
    private readonly repo: ProfilesRepository,
    private readonly jobs: RecomputeJobService,
    private readonly env: SegmentsEnv,
  ) {}

  async overview(): Promise<SegmentOverviewResponse> {
    const [sizes, cuts] = await Promise.all([this.repo.sizes(), this.repo.currentCuts()]);
    const seg = new Map(sizes.segments.map((s) => [s._id, s]));
    const stage = new Map(sizes.stages.map((s) => [s._id, s.members]));
    return {
      currency: this.env.SEGMENTS_CURRENCY,
      windowDays: this.env.SEGMENTS_WINDOW_DAYS,
      cuts: cuts
        ? { recency: cuts.recency, frequency: cuts.frequency, monetary: cuts.monetary, population: cuts.population, computedAt: iso(cuts.computedAt)! }
        : null,
      segments: RFM_SEGMENTS.map((s) => ({ segment: s, members: seg.get(s)?.members ?? 0, netSpendMinor: seg.get(s)?.netSpendMinor ?? 0 })),
      stages: LIFECYCLE_STAGES.map((s) => ({ stage: s, members: stage.get(s) ?? 0 })),
    };
  }

  async grid(): Promise<GridResponse> {
    const rows = await this.repo.grid();
    const cell = new Map(rows.map((c) => [`${c._id.r}:${c._id.f}`, c]));
    const cells = [];
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++) {
        const c = cell.get(`${r}:${f}`);
        cells.push({ r, f, members: c?.members ?? 0, avgMonetaryMinor: c && c.members ? Math.floor(c.netSpendMinor / c.members) : 0 });
      }
    return { cells };
  }

  async members(segment: RfmSegment, cursor: string | undefined, limit: number): Promise<SegmentMemberPage> {
    const after = cursor ? decodeCursor(cursor, (v): v is string => typeof v === 'string') : null;
    const rows = await this.repo.membersIn({ segments: [segment] }, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map((p) => ({ memberId: p._id, scores: p.scores })), nextCursor: rows.length > limit && last ? encodeCursor(last._id) : null };
  }

  async profile(memberId: string): Promise<MemberProfileResponse> {
    const p = await this.repo.findProfile(memberId);
    if (!p) throw ProfileErrors.notFound(memberId);
    return {
      memberId: p._id,
      profiled: p.profiled,
      features: featuresView(p.features),
      scores: p.scores,
      segment: p.segment,
      stage: p.stage,
      stageSince: iso(p.stageSince),
      evaluatedAt: iso(p.evaluatedAt)!,
      moves: p.moves.map((m) => ({ at: iso(m.at)!, kind: m.kind, from: m.from, to: m.to })),
    };
  }

  async recompute(): Promise<RecomputeJobResponse> {
    const { job } = await this.jobs.start('on_demand');
    return jobView(job);
  }

  async job(jobId: string): Promise<RecomputeJobResponse> {
    const j = await this.jobs.find(jobId);
    if (!j) throw ProfileErrors.jobNotFound(jobId);
    return jobView(j);
  }
}
