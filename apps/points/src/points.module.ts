import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type ServiceModuleOptions } from '@app/common';
import type { PointsEnv } from './config/points.env';

/** Root module of the points service: the platform plus one module per feature folder. */
@Module({})
export class PointsModule {
  static register(env: PointsEnv, options: ServiceModuleOptions = {}): DynamicModule {
    return {
      module: PointsModule,
      imports: [PlatformModule.forRoot({ service: 'points', env, ...options })],
    };
  }
}
