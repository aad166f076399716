import { BaseEnv } from '@app/common';

/** Environment of the feedback service (validated at start-up; see BaseEnv for the shared variables). */
export class FeedbackEnv extends BaseEnv {}
