import { Injectable, Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError, ERROR_KIND_STATUS, toViolations } from '@app/common';
import { SaleDto } from '../dto/sale.dto';
import type { BatchItemResultDto, BatchResultDto } from '../dto/sale-result.dto';
import { PosErrors } from '../pos.errors';
import { RecordSale } from './record-sale.usecase';

const PARALLEL = 4;

/**
 * Sales uploaded late by an offline store: each validated and recorded on its own, with its own
 * idempotency and its own result; one bad sale never fails the others.
 */
@Injectable()
export class RecordSaleBatch {
  private readonly logger = new Logger(RecordSaleBatch.name);
  constructor(private readonly recordSale: RecordSale) {}

  async execute(sales: Array<Record<string, unknown>>, batchStoreId: string | undefined): Promise<BatchResultDto> {
    const results: BatchItemResultDto[] = new Array<BatchItemResultDto>(sales.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < sales.length; i = next++) results[i] = await this.one(i, sales[i], batchStoreId);
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, sales.length) }, worker));
    const succeeded = results.filter((r) => r.status < 300).length;
    return { total: sales.length, succeeded, failed: sales.length - succeeded, results };
  }

  private async one(index: number, raw: Record<string, unknown>, batchStoreId: string | undefined): Promise<BatchItemResultDto> {
    const transactionId = typeof raw.transactionId === 'string' ? raw.transactionId : undefined;
    const sale = plainToInstance(SaleDto, raw);
    const errors = await validate(sale, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) {
      return { index, transactionId, status: 400, code: 'REQUEST.VALIDATION_FAILED', detail: 'Validation failed', errors: toViolations(errors) };
    }
    try {
      if (batchStoreId !== undefined && sale.storeId !== batchStoreId) {
        throw PosErrors.storeMismatch(sale.storeId);
      }
      const { replayed, result } = await this.recordSale.execute(sale);
      return { index, transactionId, status: replayed ? 200 : 201, result };
    } catch (err) {
      if (err instanceof DomainError) {
        return {
          index,
          transactionId,
          status: ERROR_KIND_STATUS[err.kind],
          code: err.code,
          detail: err.message,
          ...(Object.keys(err.details).length ? { details: err.details } : {}),
          ...(err.violations.length ? { errors: err.violations } : {}),
        };
      }
      this.logger.error({ msg: 'batch sale failed', index, error: err instanceof Error ? err.message : String(err) });
      return { index, transactionId, status: 500, code: 'INTERNAL', detail: 'Internal error' };
    }
  }
}
