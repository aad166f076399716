import { Module } from '@nestjs/common';
import type { GatewayEnv } from '../config/gateway.env';
import { AuthModule } from '../auth/auth.module';
import { ProxyModule } from '../proxy/proxy.module';
import { DemoTokenController } from './demo-token.controller';
import { DemoTokenService } from './demo-token.service';

/** Local demo conveniences (never in production: the gateway refuses to start with them on). */
@Module({ imports: [AuthModule, ProxyModule], controllers: [DemoTokenController], providers: [DemoTokenService] })
export class DemoModule {}

/** A production start refuses the demo token route: it would let anyone act as any member. */
export function refuseDemoInProduction(env: Pick<GatewayEnv, 'DEMO_CUSTOMER_TOKENS' | 'NODE_ENV'>): void {
  if (env.DEMO_CUSTOMER_TOKENS && env.NODE_ENV === 'production') throw new Error('DEMO_CUSTOMER_TOKENS must not be true when NODE_ENV=production');
}
