import { Module, RequestMethod, type MiddlewareConsumer, type NestModule, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GatewayEnv } from '../config/gateway.env';
import { AuthModule } from '../auth/auth.module';
import { MetricsModule } from '../metrics/metrics.module';
import { MongooseModule } from '@nestjs/mongoose';
import { RateLimitService } from '../ratelimit/rate-limit.service';
import { RateLimitRepository } from '../ratelimit/rate-limit.repository';
import { RATE_LIMIT_WINDOW_MODEL, RateLimitWindowSchema } from '../ratelimit/rate-limit-window.schema';
import { DownstreamClient } from './downstream.client';
import { GatewayPipelineMiddleware } from './gateway-pipeline.middleware';

/** The request pipeline (authenticate, limit, authorize, forward) for every path. */
@Module({
  imports: [AuthModule, MetricsModule, MongooseModule.forFeature([{ name: RATE_LIMIT_WINDOW_MODEL, schema: RateLimitWindowSchema }])],
  providers: [DownstreamClient, RateLimitService, RateLimitRepository, GatewayPipelineMiddleware],
  exports: [DownstreamClient],
})
export class ProxyModule implements NestModule, OnApplicationBootstrap {
  constructor(
    private readonly env: GatewayEnv,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** Client addresses (per-address limits) from X-Forwarded-For only through trusted proxies. */
  onApplicationBootstrap(): void {
    const value = this.env.TRUST_PROXY;
    if (!value) return;
    const express = this.adapterHost.httpAdapter.getInstance<{ set(name: string, value: unknown): void }>();
    express.set('trust proxy', /^\d+$/.test(value) ? Number(value) : value.split(',').map((v) => v.trim()));
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(GatewayPipelineMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
