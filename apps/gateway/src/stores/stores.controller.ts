import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@app/common';
import { RequirePermission } from '@app/access';
import { CreateStoreDto, IssueApiKeyDto } from './dto/create-store.dto';
import { StoresService } from './stores.service';
import type { ApiKeyView } from './stores.repository';
import type { Store } from './stores.schema';

@ApiTags('stores')
@ApiBearerAuth('bearer')
@Controller('v1/stores')
export class StoresController {
  constructor(private readonly stores: StoresService) {}

  @Post()
  @RequirePermission('stores.create')
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'The store' })
  create(@Body() dto: CreateStoreDto): Promise<Store> {
    return this.stores.createStore(dto);
  }

  @Get()
  @RequirePermission('stores.read')
  async list(): Promise<{ items: Store[] }> {
    return { items: await this.stores.listStores() };
  }

  @Post(':storeId/api-keys')
  @RequirePermission('stores.api-keys.issue')
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'The key; `apiKey` is shown only in this answer' })
  issueKey(@Param('storeId') storeId: string, @Body() dto: IssueApiKeyDto, @CurrentActor() actor: Actor): Promise<ApiKeyView & { apiKey: string }> {
    return this.stores.issueKey(storeId, dto, actor.id);
  }

  @Get(':storeId/api-keys')
  @RequirePermission('stores.api-keys.read')
  @ApiOkResponse({ description: 'Keys of the store with lastUsedAt and revokedAt' })
  async listKeys(@Param('storeId') storeId: string): Promise<{ items: ApiKeyView[] }> {
    return { items: await this.stores.listKeys(storeId) };
  }

  @Delete(':storeId/api-keys/:keyId')
  @RequirePermission('stores.api-keys.revoke')
  @ApiOkResponse({ description: 'The revoked key' })
  revokeKey(@Param('storeId') storeId: string, @Param('keyId') keyId: string, @CurrentActor() actor: Actor): Promise<ApiKeyView> {
    return this.stores.revokeKey(storeId, keyId, actor.id);
  }
}
