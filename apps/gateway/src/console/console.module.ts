import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { ConsoleAssetsMiddleware } from './console-assets.middleware';

/** The web console's static files at /console (see apps/console). */
@Module({ providers: [ConsoleAssetsMiddleware] })
export class ConsoleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ConsoleAssetsMiddleware).forRoutes({ path: 'console', method: RequestMethod.ALL }, { path: 'console/{*path}', method: RequestMethod.ALL });
  }
}
