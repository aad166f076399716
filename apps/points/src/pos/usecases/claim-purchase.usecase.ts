import { Injectable } from '@nestjs/common';
import { Clock, EventFactory, NotFoundError } from '@app/common';
import { MemberDirectory } from '../../members/member-directory.service';
import { pointsToReverse } from '../../rules/calculate-earning';
import type { ClaimDto } from '../dto/sale.dto';
import type { ClaimResultDto } from '../dto/sale-result.dto';
import { PosErrors } from '../pos.errors';
import { PosRepository } from '../pos.repository';
import type { Purchase } from '../pos.schema';
import { PurchaseCrediting } from '../purchase-crediting.service';
import { purchaseIdOf, purchaseRecordedEvent } from './record-sale.usecase';

/**
 * A customer claims a sale recorded while they were not identified (receipt: store +
 * transaction id), within the claim window, once. The attribution and what it earns are set in
 * one conditional write on the purchase (so two claimants cannot both win); the credit is then
 * posted under the same `earn:<purchaseId>` key as a till sale. Earned net of earlier returns.
 */
@Injectable()
export class ClaimPurchase {
  constructor(
    private readonly repo: PosRepository,
    private readonly members: MemberDirectory,
    private readonly crediting: PurchaseCrediting,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  async execute(memberId: string, dto: ClaimDto): Promise<{ replayed: boolean; result: ClaimResultDto }> {
    const member = await this.members.resolve({ memberId });
    if (!member) throw new NotFoundError('POINTS.MEMBER_NOT_FOUND', 'Unknown member', { memberId });
    const id = purchaseIdOf(dto.storeId, dto.transactionId);
    let purchase = await this.repo.findPurchase(id);
    if (!purchase) throw PosErrors.saleNotFound(dto.storeId, dto.transactionId);
    if (purchase.claim) return this.alreadyClaimed(purchase, memberId);
    if (purchase.outcome !== 'unknown_member') throw PosErrors.saleAlreadyAttributed();
    const now = this.clock.now();
    if (now.getTime() > new Date(purchase.claimableUntil).getTime()) {
      throw PosErrors.claimWindowClosed(new Date(purchase.claimableUntil));
    }
    const earning = await this.crediting.earningFor(id, { ...purchase, occurredAt: new Date(purchase.occurredAt) }, member);
    earning.creditedPoints = earning.points - pointsToReverse(earning.points, purchase.totalMinor, 0, purchase.returnedMinor);
    const event = purchaseRecordedEvent(this.events, { ...purchase, memberId });
    const claimed = await this.repo.claim(id, memberId, earning, now, [event]);
    if (!claimed) {
      purchase = await this.repo.findPurchase(id);
      if (purchase?.claim) return this.alreadyClaimed(purchase, memberId);
      throw PosErrors.saleAlreadyAttributed('This sale cannot be claimed');
    }
    const balance = await this.crediting.credit(claimed);
    return { replayed: false, result: this.crediting.resultOf(claimed, balance) };
  }

  private async alreadyClaimed(purchase: Purchase, memberId: string): Promise<{ replayed: boolean; result: ClaimResultDto }> {
    if (purchase.claim?.memberId !== memberId) throw PosErrors.alreadyClaimed();
    const balance = await this.crediting.credit(purchase); // converge after a crash
    return { replayed: true, result: this.crediting.resultOf(purchase, balance) };
  }
}
