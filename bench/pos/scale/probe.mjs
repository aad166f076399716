// After the measured load of a scale run: one more sale for a few loaded active members through the
// gateway, then their state in each service is read back: the sale answered 201, the members service
// counted the spend into the member's day totals, the segments service re-placed the member with
// the new purchase, and the balance API agrees with the balance document the loader started from.
import { MongoClient } from 'mongodb';

const sumDays = (days) => Object.values(days ?? {}).reduce((s, n) => s + n, 0);

export async function probeLoadedMembers({
  gatewayUrl,
  apiKey,
  pointsUrl,
  adminHeaders,
  dbUrls,
  storeId,
  runId,
  memberIds,
  http,
  samples = 3,
  timeoutMs = 180000,
}) {
  const clients = Object.fromEntries(['members', 'points', 'segments'].map((s) => [s, new MongoClient(dbUrls[s])]));
  const db = (s) => clients[s].db();
  const stateOf = async (memberId) => {
    const [m, profile, bal] = await Promise.all([
      db('members')
        .collection('members')
        .findOne({ _id: memberId }, { projection: { spendByDay: 1, tier: 1 } }),
      db('segments')
        .collection('segments_member_profiles')
        .findOne({ _id: memberId }, { projection: { features: 1, segment: 1, stage: 1 } }),
      db('points')
        .collection('points_balances')
        .findOne({ _id: memberId }, { projection: { available: 1, pending: 1 } }),
    ]);
    return {
      tier: m?.tier?.code,
      spendMinor: sumDays(m?.spendByDay),
      lifetimePurchases: profile?.features?.lifetimePurchases ?? 0,
      lastPurchaseAt: profile?.features?.lastPurchaseAt ?? null,
      balance: (bal?.available ?? 0) + (bal?.pending ?? 0),
    };
  };
  const results = [];
  let credited = 0;
  try {
    for (let k = 0; k < samples; k++) {
      const memberId = memberIds[Math.floor(Math.random() * memberIds.length)];
      const before = await stateOf(memberId);
      const totalMinor = 12800 + k * 100;
      const sale = {
        storeId,
        terminalId: 'probe',
        transactionId: `probe-${runId}-${k}`,
        member: { memberId },
        occurredAt: new Date().toISOString(),
        currency: 'CNY',
        lines: [{ sku: 'SKU-PROBE', category: 'grocery', quantity: 1, unitPriceMinor: totalMinor, discountMinor: 0 }],
        totalMinor,
        tender: 'card',
      };
      const r = await http(`${gatewayUrl}/v1/pos/transactions`, 'POST', sale, { 'x-api-key': apiKey });
      const points = r.status === 201 ? r.body.points.earned : 0;
      credited += points;
      const deadline = Date.now() + timeoutMs;
      let after = await stateOf(memberId);
      while ((after.spendMinor < before.spendMinor + totalMinor || after.lifetimePurchases < before.lifetimePurchases + 1) && Date.now() < deadline) {
        await new Promise((res) => setTimeout(res, 500));
        after = await stateOf(memberId);
      }
      const api = await http(`${pointsUrl}/v1/members/${memberId}/points/balance`, 'GET', undefined, adminHeaders);
      results.push({
        memberId,
        status: r.status,
        points,
        balanceBefore: before.balance,
        balanceAfter: after.balance,
        balanceApi: api.status === 200 ? api.body.available + api.body.pending : null,
        tierSpendBefore: before.spendMinor,
        tierSpendAfter: after.spendMinor,
        tier: `${before.tier}→${after.tier}`,
        lifetimePurchasesBefore: before.lifetimePurchases,
        lifetimePurchasesAfter: after.lifetimePurchases,
        ok:
          r.status === 201 &&
          after.balance - before.balance === points &&
          api.body?.available + api.body?.pending === after.balance &&
          after.spendMinor >= before.spendMinor + totalMinor &&
          after.lifetimePurchases >= before.lifetimePurchases + 1,
      });
    }
  } finally {
    for (const c of Object.values(clients)) await c.close();
  }
  return { samples: results, credited, ok: results.every((r) => r.ok) };
}

/**
 * How long single reads take on the loaded databases (median of a few, ms), for a loaded active
 * member: the reads a sale's path makes (`salePath`) and the member-facing reads next to them.
 * A read by `_id` stays flat as data grows; a read by another field is flat only where the
 * database uses a secondary index for it (mongo-java-server scans the collection otherwise).
 */
export async function queryTimings(dbUrls, memberId, storeId, reps = 5) {
  const queries = [
    ['segments', 'segments_purchase_facts', { memberId: { $in: [memberId] } }, true, 'ProfilesRepository.factsOf (every purchase event)'],
    ['segments', 'segments_return_facts', { memberId: { $in: [memberId] } }, true, 'ProfilesRepository.factsOf (every purchase event)'],
    ['segments', 'segments_member_profiles', { _id: { $in: [memberId] } }, true, 'ProfilesRepository.findProfiles'],
    ['segments', 'segments_audience_members', { _id: { $in: [memberId] } }, true, 'AudienceRepository.findMany'],
    ['members', 'members', { _id: memberId }, true, 'MemberTierRepository.findForQualification'],
    ['members', 'qualifying_spend', { memberId }, false, 'QualifyingSpendRepository.listForMember (first totals only)'],
    ['points', 'points_member_refs', { _id: memberId, erased: { $ne: true } }, true, 'MemberRefRepository.find (cache miss)'],
    ['points', 'points_balances', { _id: memberId }, true, 'LedgerRepository.balanceOf'],
    ['points', 'points_lots', { memberId }, false, 'LedgerRepository.lotsOfMember (balance API)'],
    ['points', 'points_ledger', { memberId }, false, 'LedgerRepository.history (ledger API)'],
    ['points', 'points_purchases', { memberId }, false, 'purchases of a member'],
    ['points', 'points_purchases', { storeId }, false, 'StoreBaskets recent baskets (anomaly rule; sorted by recordedAt)'],
  ];
  const out = [];
  const clients = {};
  try {
    for (const [service, collection, filter, salePath, usedBy] of queries) {
      clients[service] ??= new MongoClient(dbUrls[service]);
      const c = clients[service].db().collection(collection);
      const times = [];
      let found = 0;
      for (let i = 0; i < reps; i++) {
        const t = process.hrtime.bigint();
        found = (
          await c
            .find(filter)
            .limit(collection === 'points_purchases' && filter.storeId ? 200 : 0)
            .toArray()
        ).length;
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      times.sort((a, b) => a - b);
      out.push({
        query: `${service}.${collection} by ${Object.keys(filter).join('+')}`,
        salePath,
        usedBy,
        found,
        medianMs: +times[Math.floor(reps / 2)].toFixed(2),
      });
    }
  } finally {
    for (const c of Object.values(clients)) await c.close();
  }
  return out;
}
