// The POS workload of the benchmark: new sales for random members, plus a share of retries of
// sales already sent (a till that timed out). The same generator drives every target so the
// numbers compare like with like.
import { randomBytes } from 'node:crypto';

export function saleFactory({ storeId, memberIds, retryRatio, runId }) {
  const sent = [];
  let seq = 0;
  return function next(worker) {
    if (sent.length > 0 && Math.random() < retryRatio) {
      const body = sent[Math.floor(Math.random() * sent.length)];
      return { body, tag: 'retry' };
    }
    seq += 1;
    const memberId = memberIds[Math.floor(Math.random() * memberIds.length)];
    const units = 1 + Math.floor(Math.random() * 20);
    const unitPriceMinor = 100 * (1 + Math.floor(Math.random() * 50));
    const body = JSON.stringify({
      storeId,
      terminalId: `till-${worker}`,
      transactionId: `${runId}-${seq}-${randomBytes(3).toString('hex')}`,
      member: { memberId },
      occurredAt: new Date().toISOString(),
      currency: 'CNY',
      lines: [
        { sku: 'SKU-TEA', category: 'grocery', quantity: units, unitPriceMinor, discountMinor: 0 },
        { sku: 'SKU-GIFT', category: 'gift_card', quantity: 1, unitPriceMinor: 5000, discountMinor: 0 },
      ],
      totalMinor: units * unitPriceMinor + 5000,
      tender: 'card',
    });
    sent.push(body);
    return { body, tag: 'new' };
  };
}

/** Check the answers: every new sale 201, every retry 200 with the same points as the first answer. */
export function checkAnswers(responses) {
  const firstByTx = new Map();
  const problems = [];
  let credited = 0;
  for (const r of responses) {
    if (r.status >= 500) problems.push(`5xx: ${r.status} ${r.body.slice(0, 200)}`);
    if (r.status !== 200 && r.status !== 201) continue;
    const body = JSON.parse(r.body);
    const tx = body.purchaseId ?? body.transactionId;
    const points = body.points?.earned ?? body.points;
    if (r.status === 201) {
      if (firstByTx.has(tx) && firstByTx.get(tx).status === 201) problems.push(`two 201 for ${tx}`);
      credited += points;
    }
    const first = firstByTx.get(tx);
    if (first && first.points !== points) problems.push(`retry of ${tx} answered ${points} points, first answer ${first.points}`);
    if (!first || r.status === 201) firstByTx.set(tx, { status: r.status, points });
  }
  return { credited, distinctSales: firstByTx.size, problems: problems.slice(0, 20), problemCount: problems.length };
}
