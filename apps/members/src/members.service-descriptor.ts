import type { ServiceDescriptor } from '@app/common';
import { MembersEnv } from './config/members.env';
import { MembersModule } from './members.module';

export const membersService: ServiceDescriptor<MembersEnv> = {
  service: 'members',
  envClass: MembersEnv,
  module: (env, options) => MembersModule.register(env, options),
  openApi: { title: 'Members service', description: 'Enrolment, consent, member tiers and tier benefits, privacy rights.' },
};
