import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { LedgerModule } from '../ledger/ledger.module';
import { MembersModule } from '../members/members.module';
import { RulesModule } from '../rules/rules.module';
import { PURCHASE_MODEL, PurchaseSchema, SALE_RETURN_MODEL, SaleReturnSchema } from './pos.schema';
import { PosRepository } from './pos.repository';
import { PurchaseCrediting } from './purchase-crediting.service';
import { SaleIntegrity } from './sale-integrity.service';
import { RecordSale } from './usecases/record-sale.usecase';
import { RecordSaleBatch } from './usecases/record-sale-batch.usecase';
import { RecordReturn } from './usecases/record-return.usecase';
import { ClaimPurchase } from './usecases/claim-purchase.usecase';
import { ClaimsController, PosController } from './pos.controller';
import { HoldsController } from './holds.controller';
import { StoreBaskets } from './store-baskets.service';
import { ReviewHold } from './usecases/review-hold.usecase';

/** The till-facing API: sales (single and batch), returns, claims of unattributed sales; staff review of held sales. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: PURCHASE_MODEL, schema: PurchaseSchema },
      { name: SALE_RETURN_MODEL, schema: SaleReturnSchema },
    ]),
    LedgerModule,
    MembersModule,
    RulesModule,
  ],
  controllers: [PosController, ClaimsController, HoldsController],
  providers: [PosRepository, PurchaseCrediting, SaleIntegrity, RecordSale, RecordSaleBatch, RecordReturn, ClaimPurchase, StoreBaskets, ReviewHold],
  exports: [PosRepository],
})
export class PosModule {}
