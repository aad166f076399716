import { BaseEnv } from '@app/common';

/** Environment of the members service (validated at start-up; see BaseEnv for the shared variables). */
export class MembersEnv extends BaseEnv {}
