import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { buildEventCatalogue } from './event-catalogue';

/** The event catalogue (AsyncAPI 2.6 JSON) generated from the contracts. */
@ApiExcludeController()
@Controller('docs')
export class DocsController {
  private catalogue: Record<string, unknown> | null = null;

  @Get('events')
  @Header('content-type', 'application/json; charset=utf-8')
  events(): Record<string, unknown> {
    this.catalogue ??= buildEventCatalogue();
    return this.catalogue;
  }
}
