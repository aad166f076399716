import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { LIFECYCLE_STAGES, type LifecycleStage } from './segmentation';

/** A member moved from one lifecycle stage to another (ids and stage names only). */
export class LifecycleStageChangedV1 {
  @IsString() @MaxLength(64) memberId!: string;
  /** Null for the member's first stage. */
  @IsOptional() @IsIn(LIFECYCLE_STAGES) fromStage!: LifecycleStage | null;
  @IsIn(LIFECYCLE_STAGES) toStage!: LifecycleStage;
  @IsISO8601() changedAt!: string;
}

export const LifecycleStageChangedV1Event = defineEvent({
  type: 'lifecycle.stage.changed',
  version: 1,
  description: 'A member moved between lifecycle stages (prospect, new, active, high_value, at_risk, churned, reactivated).',
  payload: LifecycleStageChangedV1,
  key: (p) => p.memberId,
});
