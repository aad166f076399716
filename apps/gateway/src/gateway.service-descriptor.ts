import type { ServiceDescriptor } from '@app/common';
import { GatewayEnv } from './config/gateway.env';
import { GatewayModule } from './gateway.module';

export const gatewayService: ServiceDescriptor<GatewayEnv> = {
  service: 'gateway',
  envClass: GatewayEnv,
  module: (env, options) => GatewayModule.register(env, options),
  internalOnly: false,
  openApi: { title: 'Loyalty platform API', description: 'The only public entry of the platform: authentication, roles, routing, aggregated views.' },
};
