import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { StoresController } from './stores.controller';
import { ApiKeysRepository, StoresRepository } from './stores.repository';
import { API_KEY_MODEL, ApiKeySchema, STORE_MODEL, StoreSchema } from './stores.schema';
import { StoresService } from './stores.service';

/** Stores and their POS API keys. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: STORE_MODEL, schema: StoreSchema },
      { name: API_KEY_MODEL, schema: ApiKeySchema },
    ]),
  ],
  controllers: [StoresController],
  providers: [StoresRepository, ApiKeysRepository, StoresService],
  exports: [StoresService, StoresRepository],
})
export class StoresModule {}
