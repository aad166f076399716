import { Module, type DynamicModule } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { PlatformModule, type ServiceModuleOptions } from '@app/common';
import type { GatewayEnv } from './config/gateway.env';
import { downstreamReadinessChecks } from './downstream/downstream-services';
import { AuthModule } from './auth/auth.module';
import { DocsModule } from './docs/docs.module';
import { MetricsModule } from './metrics/metrics.module';
import { ProxyModule } from './proxy/proxy.module';
import { StaffModule } from './staff/staff.module';
import { DemoModule, refuseDemoInProduction } from './demo/demo.module';
import { CustomerAuthModule } from './customer-auth/customer-auth.module';
import { ExportModule } from './export/export.module';
import { StatusModule } from './status/status.module';
import { StoresModule } from './stores/stores.module';
import { ConsoleModule } from './console/console.module';

/** Root module of the gateway: the platform plus one module per feature folder. */
@Module({})
export class GatewayModule {
  static register(env: GatewayEnv, options: ServiceModuleOptions = {}): DynamicModule {
    refuseDemoInProduction(env);
    return {
      module: GatewayModule,
      imports: [
        PlatformModule.forRoot({
          service: 'gateway',
          env,
          ...options,
          readinessChecks: { provide: 'EXTRA_READINESS_CHECKS', useValue: downstreamReadinessChecks(env) },
        }),
        AccessModule,
        MetricsModule,
        StoresModule,
        StaffModule,
        AuthModule,
        ProxyModule,
        ConsoleModule,
        StatusModule,
        ExportModule,
        DemoModule,
        CustomerAuthModule,
        DocsModule,
      ],
    };
  }
}
