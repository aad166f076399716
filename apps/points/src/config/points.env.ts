import { BaseEnv } from '@app/common';

/** Environment of the points service (validated at start-up; see BaseEnv for the shared variables). */
export class PointsEnv extends BaseEnv {}
