import { Injectable } from '@nestjs/common';
import { Clock, DomainError, type Actor } from '@app/common';
import { DEFAULT_RULE_SET, type EarningRules, type EarningRuleSet } from './earning-rules';
import { ruleSetInForce } from './calculate-earning';
import { RulesRepository } from './rules.repository';
import type { EarningRuleSetDoc } from './rules.schema';

const CACHE_MS = 5000;

/** Versioned earning rules: create a version, list them, find the one in force at an instant. */
@Injectable()
export class RulesService {
  private cache: { at: number; sets: EarningRuleSet[] } | null = null;

  constructor(
    private readonly repo: RulesRepository,
    private readonly clock: Clock,
  ) {}

  async create(rules: EarningRules, effectiveFrom: Date | null, actor: Actor): Promise<EarningRuleSet> {
    for (const p of rules.promotions) {
      if (Date.parse(p.endsAt) <= Date.parse(p.startsAt)) {
        throw new DomainError('RULES.INVALID_PROMOTION_WINDOW', 'invalid', `Promotion ${p.id} ends before it starts`, {}, [
          { field: `promotions.${p.id}.endsAt`, rule: 'afterStartsAt', message: 'endsAt must be after startsAt' },
        ]);
      }
    }
    const doc = await this.repo.insertNext({
      effectiveFrom: effectiveFrom ?? this.clock.now(),
      rules,
      createdBy: { id: actor.id, role: actor.role },
      createdAt: this.clock.now(),
    });
    this.cache = null;
    return toRuleSet(doc);
  }

  async list(): Promise<EarningRuleSet[]> {
    return [DEFAULT_RULE_SET, ...(await this.load())];
  }

  /** The rules a sale at `at` is evaluated against (the built-in defaults before any version). */
  async inForce(at: Date): Promise<EarningRuleSet> {
    return ruleSetInForce(await this.load(), at, DEFAULT_RULE_SET);
  }

  private async load(): Promise<EarningRuleSet[]> {
    const now = Date.now(); // cache age is wall time, not business time
    if (this.cache && now - this.cache.at < CACHE_MS) return this.cache.sets;
    const sets = (await this.repo.all()).map(toRuleSet);
    this.cache = { at: now, sets };
    return sets;
  }
}

function toRuleSet(doc: EarningRuleSetDoc): EarningRuleSet {
  return { version: doc._id, effectiveFrom: new Date(doc.effectiveFrom).toISOString(), rules: doc.rules };
}
