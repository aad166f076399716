import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CasesModule } from '../cases/cases.module';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { PURCHASE_SEEN_MODEL, PurchaseSeenSchema } from './purchase-count.schema';
import { PurchaseCountsRepository } from './purchase-counts.repository';
import { PurchaseEventsHandler } from './purchase-events.handler';

/** Service KPIs, with purchases counted from purchase.recorded. */
@Module({
  imports: [CasesModule, MongooseModule.forFeature([{ name: PURCHASE_SEEN_MODEL, schema: PurchaseSeenSchema }])],
  controllers: [MetricsController, PurchaseEventsHandler],
  providers: [PurchaseCountsRepository, MetricsService],
})
export class MetricsModule {}
