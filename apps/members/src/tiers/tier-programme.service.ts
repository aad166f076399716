import { Injectable } from '@nestjs/common';
import { TiersErrors } from './tiers.errors';
import { Clock, type Actor } from '@app/common';
import { MembersEnv } from '../config/members.env';
import { DEFAULT_TIERS } from './default-tiers';
import { MemberTierRepository } from './member-tier.repository';
import { TierConfigRepository } from './tier-config.repository';
import {
  qualificationWindow,
  simulateTierConfig,
  sortTiers,
  spendInWindow,
  tierConfigViolations,
  type QualificationMode,
  type TierDefinition,
} from './tier-rules';

/** How long a programme read from the database is reused (a change made by another instance shows after at most this). */
const PROGRAMME_CACHE_MS = 5000;

export interface TierProgramme {
  tiers: TierDefinition[];
  version: number;
  qualification: QualificationMode;
  currency: string;
  graceDays: number;
}

/**
 * The configurable tier programme: tiers and benefits from the database, window and grace from
 * env. Every purchase event needs it, so it is kept in memory for a few seconds; a change through
 * this instance replaces it at once.
 */
@Injectable()
export class TierProgrammeService {
  private cached: { programme: Promise<TierProgramme>; until: number } | null = null;

  constructor(
    private readonly configs: TierConfigRepository,
    private readonly memberTiers: MemberTierRepository,
    private readonly env: MembersEnv,
    private readonly clock: Clock,
  ) {}

  async current(): Promise<TierProgramme> {
    const at = Date.now(); // cache age is wall time, not business time (tests move the clock)
    if (!this.cached || this.cached.until <= at) {
      const programme = this.load();
      this.cached = { programme, until: at + PROGRAMME_CACHE_MS };
      programme.catch(() => {
        if (this.cached?.programme === programme) this.cached = null;
      });
    }
    return this.cached.programme;
  }

  private async load(): Promise<TierProgramme> {
    const stored = await this.configs.current();
    return {
      tiers: sortTiers(stored?.tiers ?? DEFAULT_TIERS),
      version: stored?.version ?? 0,
      qualification: this.env.MEMBERS_TIER_QUALIFICATION,
      currency: this.env.MEMBERS_TIER_CURRENCY,
      graceDays: this.env.MEMBERS_TIER_GRACE_DAYS,
    };
  }

  async replace(tiers: TierDefinition[], actor: Actor): Promise<TierProgramme> {
    this.assertValid(tiers);
    await this.configs.replace(sortTiers(tiers), actor.id, this.clock.now());
    this.cached = null;
    return this.current();
  }

  /** How many members a proposed configuration would move (by their qualifying spend now, from the day totals). */
  async simulate(tiers: TierDefinition[]): Promise<ReturnType<typeof simulateTierConfig>> {
    this.assertValid(tiers);
    const window = qualificationWindow(this.env.MEMBERS_TIER_QUALIFICATION, this.clock.now());
    const members: { tierCode: string; spendMinor: number }[] = [];
    for await (const m of this.memberTiers.activeTierStates())
      members.push({ tierCode: m.tierCode, spendMinor: m.spendByDay ? spendInWindow(m.spendByDay, window) : m.spendMinor });
    return simulateTierConfig(tiers, members);
  }

  private assertValid(tiers: TierDefinition[]): void {
    const violations = tierConfigViolations(tiers);
    if (violations.length) throw TiersErrors.invalidConfig(violations);
  }
}
