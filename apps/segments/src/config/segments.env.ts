import { BaseEnv } from '@app/common';

/** Environment of the segments service (validated at start-up; see BaseEnv for the shared variables). */
export class SegmentsEnv extends BaseEnv {}
