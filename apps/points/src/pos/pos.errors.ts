import { DomainError } from '@app/common';

/**
 * Errors of the POS feature (sales, batches, returns, holds): one place, stable codes.
 * An integrity error names the field and carries the amounts (`expected` vs `given`) both in
 * `details` and in the field violation, so a till can show what to fix.
 */
const mismatch = (code: string, field: string, rule: string, message: string, details: Record<string, unknown>) =>
  new DomainError(code, 'unprocessable', message, { field, ...details }, [{ field, rule, message }]);

export const PosErrors = {
  // ---- recording sales and returns
  duplicateTransaction: (details: Record<string, unknown>, message = 'This store already recorded this transaction id with a different body') =>
    new DomainError('POS.DUPLICATE_TRANSACTION_CONFLICT', 'conflict', message, details),
  memberUnknown: (purchaseId: string, claimableUntil: Date) =>
    new DomainError('POS.MEMBER_UNKNOWN', 'unprocessable', 'No member matches the identifier; the sale is recorded and the customer can claim it', {
      purchaseId,
      recorded: true,
      claimableUntil: claimableUntil.toISOString(),
    }),
  storeMismatch: (storeId: string) =>
    new DomainError('POS.STORE_MISMATCH', 'forbidden', "A transaction of another store is in this store's batch", { storeId }),
  originalSaleNotFound: (purchaseId: string) =>
    new DomainError('POS.ORIGINAL_SALE_NOT_FOUND', 'not_found', 'The original sale is not recorded', { purchaseId }),
  currencyMismatch: (saleCurrency: string) =>
    new DomainError('POS.CURRENCY_MISMATCH', 'unprocessable', 'The return currency differs from the sale currency', { saleCurrency }),
  returnExceedsSale: (totalMinor: number, alreadyReturnedMinor: number) =>
    new DomainError('POS.RETURN_EXCEEDS_SALE', 'unprocessable', 'The refund exceeds what is left of the sale', { totalMinor, alreadyReturnedMinor }),
  returnContention: () => new DomainError('POINTS.CONTENTION', 'unavailable', 'The sale is being returned concurrently; retry'),
  // ---- claims
  saleNotFound: (storeId: string, transactionId: string) =>
    new DomainError('POS.SALE_NOT_FOUND', 'not_found', 'No sale with this receipt', { storeId, transactionId }),
  saleAlreadyAttributed: (message = 'This sale already earned points for a member') => new DomainError('POS.SALE_ALREADY_ATTRIBUTED', 'conflict', message),
  claimWindowClosed: (claimableUntil: Date) =>
    new DomainError('POS.CLAIM_WINDOW_CLOSED', 'gone', 'The claim window of this sale has closed', { claimableUntil: claimableUntil.toISOString() }),
  alreadyClaimed: () => new DomainError('POS.ALREADY_CLAIMED', 'conflict', 'This sale was already claimed'),
  // ---- integrity (see sale-integrity.ts)
  totalMismatch: (expectedMinor: number, givenMinor: number, toleranceMinor: number) =>
    mismatch(
      'POS.TOTAL_MISMATCH',
      'totalMinor',
      'equalsLines',
      `totalMinor ${givenMinor} does not equal the sum of the lines ${expectedMinor} (quantity x unitPriceMinor - discountMinor; tolerance ${toleranceMinor})`,
      {
        expectedMinor,
        givenMinor,
        toleranceMinor,
      },
    ),
  tenderMismatch: (expectedMinor: number, givenMinor: number, toleranceMinor: number) =>
    mismatch(
      'POS.TENDER_MISMATCH',
      'tender',
      'equalsTotal',
      `the tender split adds up to ${givenMinor}, not to totalMinor ${expectedMinor} (tolerance ${toleranceMinor})`,
      {
        expectedMinor,
        givenMinor,
        toleranceMinor,
      },
    ),
  lineDiscountExceedsLine: (index: number, lineMinor: number, discountMinor: number) =>
    mismatch(
      'POS.LINE_DISCOUNT_EXCEEDS_LINE',
      `lines[${index}].discountMinor`,
      'notAboveLine',
      `lines[${index}].discountMinor ${discountMinor} exceeds the line amount ${lineMinor} (quantity x unitPriceMinor)`,
      {
        expectedMaxMinor: lineMinor,
        givenMinor: discountMinor,
      },
    ),
  currencyNotAccepted: (field: string, given: string, accepted: string[], storeId: string) =>
    mismatch(
      'POS.CURRENCY_NOT_ACCEPTED',
      field,
      'acceptedCurrency',
      `${field} ${given} is not accepted for store ${storeId} (accepted: ${accepted.join(', ')})`,
      { given, accepted, storeId },
    ),
  occurredAtTooOld: (given: string, earliest: string, maxAgeDays: number) =>
    mismatch('POS.OCCURRED_AT_TOO_OLD', 'occurredAt', 'notTooOld', `occurredAt ${given} is older than ${maxAgeDays} days (earliest accepted ${earliest})`, {
      given,
      earliest,
      maxAgeDays,
    }),
  occurredAtInFuture: (given: string, latest: string, maxFutureMinutes: number) =>
    mismatch(
      'POS.OCCURRED_AT_IN_FUTURE',
      'occurredAt',
      'notInFuture',
      `occurredAt ${given} is more than ${maxFutureMinutes} minutes in the future (latest accepted ${latest})`,
      { given, latest, maxFutureMinutes },
    ),
  returnLinesMismatch: (expectedMinor: number, givenMinor: number, toleranceMinor: number) =>
    mismatch(
      'POS.RETURN_LINES_MISMATCH',
      'refundMinor',
      'equalsLines',
      `refundMinor ${givenMinor} does not equal the sum of the return lines ${expectedMinor} (tolerance ${toleranceMinor})`,
      {
        expectedMinor,
        givenMinor,
        toleranceMinor,
      },
    ),
  returnLineNotInSale: (index: number, sku: string) =>
    mismatch('POS.RETURN_LINES_MISMATCH', `lines[${index}].sku`, 'inSale', `lines[${index}].sku ${sku} is not a line of the original sale`, { sku }),
  refundExceedsSale: (field: string, what: 'quantity' | 'refundMinor', maxLeft: number, given: number) =>
    mismatch(
      'POS.REFUND_EXCEEDS_SALE',
      field,
      'notAboveSale',
      `${field} ${given} exceeds what is left of the sale (${maxLeft} ${what === 'quantity' ? 'units' : 'minor units'})`,
      {
        expectedMax: maxLeft,
        given,
      },
    ),
  saleOnHold: (purchaseId: string) =>
    new DomainError('POS.SALE_ON_HOLD', 'conflict', 'The sale is held for review; release or reverse it before a return', { purchaseId }),
  saleReversedByReview: (purchaseId: string) =>
    new DomainError(
      'POS.SALE_REVERSED_BY_REVIEW',
      'conflict',
      'The sale was reversed by a review and earned no points; its refund is outside the loyalty ledger',
      { purchaseId },
    ),
  holdNotFound: (purchaseId: string) => new DomainError('POS.HOLD_NOT_FOUND', 'not_found', 'No sale held for review has this id', { purchaseId }),
  holdAlreadyDecided: (purchaseId: string, decision: string) =>
    new DomainError('POS.HOLD_ALREADY_DECIDED', 'conflict', `The held sale was already ${decision}`, { purchaseId, decision }),
};
