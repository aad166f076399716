import { Module, type DynamicModule } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { PlatformModule, type ServiceModuleOptions } from '@app/common';
import type { MembersEnv } from './config/members.env';
import { AuditModule } from './audit/audit.module';
import { JobsModule } from './jobs/jobs.module';
import { MembersFeatureModule } from './members/members.module';
import { TiersModule } from './tiers/tiers.module';

/** Root module of the members service: the platform plus one module per feature folder. */
@Module({})
export class MembersModule {
  static register(env: MembersEnv, options: ServiceModuleOptions = {}): DynamicModule {
    return {
      module: MembersModule,
      imports: [PlatformModule.forRoot({ service: 'members', env, ...options }), AccessModule, MembersFeatureModule, TiersModule, JobsModule, AuditModule],
    };
  }
}
