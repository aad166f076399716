import { Injectable } from '@nestjs/common';
import { Clock, ValidationFailedError, type Actor } from '@app/common';
import { MembersEnv } from '../config/members.env';
import { DEFAULT_TIERS } from './default-tiers';
import { MemberTierRepository } from './member-tier.repository';
import { TierConfigRepository } from './tier-config.repository';
import { simulateTierConfig, sortTiers, tierConfigViolations, type QualificationMode, type TierDefinition } from './tier-rules';

export interface TierProgramme {
  tiers: TierDefinition[];
  version: number;
  qualification: QualificationMode;
  currency: string;
  graceDays: number;
}

/** The configurable tier programme: tiers and benefits from the database, window and grace from env. */
@Injectable()
export class TierProgrammeService {
  constructor(
    private readonly configs: TierConfigRepository,
    private readonly memberTiers: MemberTierRepository,
    private readonly env: MembersEnv,
    private readonly clock: Clock,
  ) {}

  async current(): Promise<TierProgramme> {
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
    return this.current();
  }

  /** How many members a proposed configuration would move (by their stored qualifying spend). */
  async simulate(tiers: TierDefinition[]): Promise<ReturnType<typeof simulateTierConfig>> {
    this.assertValid(tiers);
    const members: { tierCode: string; spendMinor: number }[] = [];
    for await (const m of this.memberTiers.activeTierStates()) members.push(m);
    return simulateTierConfig(tiers, members);
  }

  private assertValid(tiers: TierDefinition[]): void {
    const violations = tierConfigViolations(tiers);
    if (violations.length) throw new ValidationFailedError(violations, 'MEMBERS.INVALID_TIER_CONFIG');
  }
}
