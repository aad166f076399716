import { Module } from '@nestjs/common';
import { DocsController } from './docs.controller';
import { DocsRoutes } from './docs-routes';
import { DocsService } from './docs.service';

/** The public OpenAPI document (/docs, /docs-json) and the event catalogue (/docs/events). */
@Module({
  controllers: [DocsController],
  providers: [DocsService, DocsRoutes],
})
export class DocsModule {}
