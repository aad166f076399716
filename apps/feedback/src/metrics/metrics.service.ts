import { Injectable } from '@nestjs/common';
import { STORE_BOUND_ROLES } from '@app/access';
import { Clock, type Actor } from '@app/common';
import { CasesErrors } from '../cases/cases.errors';
import { CasesRepository } from '../cases/cases.repository';
import { PurchaseCountsRepository } from './purchase-counts.repository';
import { serviceKpis, type ServiceKpis } from './service-kpis';

const DAY = 86_400_000;

export interface MetricsReport extends ServiceKpis {
  storeId: string | null;
  from: string;
  to: string;
}

/** Service KPIs by store and period; a store manager sees their own stores only. */
@Injectable()
export class MetricsService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly purchases: PurchaseCountsRepository,
    private readonly clock: Clock,
  ) {}

  async report(actor: Actor, q: { storeId?: string; from?: string; to?: string }): Promise<MetricsReport> {
    const to = q.to ? new Date(q.to) : this.clock.now();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY);
    let storeIds: string[] | null = q.storeId ? [q.storeId] : null;
    if (STORE_BOUND_ROLES.has(actor.role)) {
      if (q.storeId && !actor.storeIds.includes(q.storeId)) throw CasesErrors.notYourStore();
      storeIds = q.storeId ? [q.storeId] : actor.storeIds;
    }
    const [opened, surveyed, purchases] = await Promise.all([
      this.cases.openedBetween(from, to, storeIds),
      this.cases.surveyedBetween(from, to, storeIds),
      this.purchases.total(from.toISOString().slice(0, 10), new Date(to.getTime() - 1).toISOString().slice(0, 10), storeIds),
    ]);
    return { storeId: q.storeId ?? null, from: from.toISOString(), to: to.toISOString(), ...serviceKpis(opened, surveyed, purchases) };
  }
}
