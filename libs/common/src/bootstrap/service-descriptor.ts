import type { DynamicModule } from '@nestjs/common';
import type { BaseEnv } from '../config/base.env';
import type { Clock } from '../clock/clock';
import { validateEnv } from '../config/validate-env';
import { createServiceApp, runService, type ServiceApp } from './create-service-app';

/** Options tests pass to a service module (production uses the defaults). */
export interface ServiceModuleOptions {
  outboxRelay?: boolean;
  /** Replace the system clock (tests pass a ManualClock to test expiry, SLAs, reviews). */
  clock?: Clock;
}

/** Everything needed to start one service: its name, env class, root module and API title. */
export interface ServiceDescriptor<E extends BaseEnv> {
  service: string;
  envClass: new () => E;
  module: (env: E, options?: ServiceModuleOptions) => DynamicModule;
  openApi: { title: string; description: string };
  /** False for the gateway (the public entry); services are internal-only. */
  internalOnly?: boolean;
}

export function buildService<E extends BaseEnv>(d: ServiceDescriptor<E>, env: E, options?: ServiceModuleOptions): Promise<ServiceApp> {
  return createServiceApp(d.module(env, options), { service: d.service, env, openApi: d.openApi, internalOnly: d.internalOnly });
}

/** The whole main.ts of a service. */
export function startService<E extends BaseEnv>(d: ServiceDescriptor<E>): Promise<void> {
  return runService(async () => {
    const env = validateEnv(d.envClass, process.env);
    return { ...(await buildService(d, env)), port: env.PORT };
  });
}
