import { Module, type DynamicModule } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { PlatformModule, type ServiceModuleOptions } from '@app/common';
import type { PointsEnv } from './config/points.env';
import { LedgerModule } from './ledger/ledger.module';
import { MembersModule } from './members/members.module';
import { PrivacyModule } from './privacy/privacy.module';
import { PosModule } from './pos/pos.module';
import { RulesModule } from './rules/rules.module';
import { RewardsModule } from './rewards/rewards.module';

/** Root module of the points service: the platform plus one module per feature folder. */
@Module({})
export class PointsModule {
  static register(env: PointsEnv, options: ServiceModuleOptions = {}): DynamicModule {
    return {
      module: PointsModule,
      imports: [
        PlatformModule.forRoot({ service: 'points', env, ...options }),
        AccessModule,
        MembersModule,
        RulesModule,
        LedgerModule,
        PosModule,
        RewardsModule,
        PrivacyModule,
      ],
    };
  }
}
