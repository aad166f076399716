import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type ServiceModuleOptions } from '@app/common';
import type { GatewayEnv } from './config/gateway.env';
import { downstreamReadinessChecks } from './downstream/downstream-services';

/** Root module of the gateway: the platform plus one module per feature folder. */
@Module({})
export class GatewayModule {
  static register(env: GatewayEnv, options: ServiceModuleOptions = {}): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        PlatformModule.forRoot({
          service: 'gateway',
          env,
          ...options,
          readinessChecks: { provide: 'EXTRA_READINESS_CHECKS', useValue: downstreamReadinessChecks(env) },
        }),
      ],
    };
  }
}
