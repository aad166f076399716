import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { PointsEnv } from '../config/points.env';
import { checkSale, parseStoreCurrencies, type SaleIntegrityPolicy, type SaleToCheck } from './sale-integrity';

const DAY = 86_400_000;

/** The integrity rules with this deployment's configuration (env) and the injected clock. */
@Injectable()
export class SaleIntegrity {
  readonly policy: SaleIntegrityPolicy;

  constructor(
    env: PointsEnv,
    private readonly clock: Clock,
  ) {
    const programme = env.POINTS_ACCEPTED_CURRENCIES.split(',').map((c) => c.trim());
    const stores = parseStoreCurrencies(env.POINTS_STORE_CURRENCIES);
    this.policy = {
      toleranceMinor: env.POINTS_SALE_TOLERANCE_MINOR,
      acceptedCurrencies: (storeId) => stores.get(storeId) ?? programme,
      maxAgeMs: (env.POINTS_SALE_MAX_AGE_DAYS ?? env.POINTS_CLAIM_WINDOW_DAYS) * DAY,
      maxFutureMs: env.POINTS_SALE_MAX_FUTURE_MINUTES * 60_000,
    };
  }

  /** Throws the first broken rule of a new sale (422 POS.*); nothing has been written yet. */
  checkSale(sale: SaleToCheck): void {
    checkSale(sale, this.clock.now(), this.policy);
  }
}
