import { SegmentsEnv } from '../config/segments.env';
import type { ProfileConfig } from './profile-state';

export function profileConfig(env: SegmentsEnv): ProfileConfig {
  return {
    features: { windowDays: env.SEGMENTS_WINDOW_DAYS, currency: env.SEGMENTS_CURRENCY },
    lifecycle: {
      newDays: env.SEGMENTS_NEW_DAYS,
      churnDays: env.SEGMENTS_CHURN_DAYS,
      atRiskFactor: env.SEGMENTS_AT_RISK_FACTOR,
      defaultIntervalDays: env.SEGMENTS_DEFAULT_INTERVAL_DAYS,
    },
  };
}
