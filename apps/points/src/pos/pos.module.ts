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

/** The till-facing API: sales (single and batch), returns, claims of unattributed sales. */
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
  controllers: [PosController, ClaimsController],
  providers: [PosRepository, PurchaseCrediting, SaleIntegrity, RecordSale, RecordSaleBatch, RecordReturn, ClaimPurchase],
  exports: [PosRepository],
})
export class PosModule {}
