import type { ServiceDescriptor } from '@app/common';
import { PointsEnv } from './config/points.env';
import { PointsModule } from './points.module';

export const pointsService: ServiceDescriptor<PointsEnv> = {
  service: 'points',
  envClass: PointsEnv,
  module: (env, options) => PointsModule.register(env, options),
  openApi: { title: 'Points service', description: 'POS purchases and returns, points ledger, earning rules, expiry, rewards, coupons, redemptions.' },
};
