// One synthetic member and, if active, a year of purchases, as the documents each service would
// hold for them after the events of that year (enrolment, consents, sales, pending releases, tier
// upgrades) had gone through it. Computed with the services' own rules (see modules.mjs); the
// schemas it follows: apps/members/src/members/member.schema.ts and tiers/*, apps/points/src/
// {members,ledger,pos}/*.schema.ts, apps/segments/src/{audience,profiles}/*.schema.ts,
// apps/feedback/src/metrics/purchase-count.schema.ts. Messaging keeps nothing per member or sale.
import { randomUUID } from 'node:crypto';

const DAY = 86_400_000;
const CATEGORIES = [
  { category: 'grocery', sku: 'SKU-GROC', minor: [300, 6000] },
  { category: 'fresh', sku: 'SKU-FRESH', minor: [500, 8000] },
  { category: 'household', sku: 'SKU-HOME', minor: [900, 15000] },
  { category: 'beauty', sku: 'SKU-BEAUTY', minor: [2900, 39900] },
  { category: 'apparel', sku: 'SKU-APPAREL', minor: [4900, 59900] },
  { category: 'electronics', sku: 'SKU-ELEC', minor: [9900, 199900] },
];

/** A small seeded PRNG (mulberry32): reproducible populations, cheaper than the CSPRNG. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @param mods serviceModules()
 * @param o { now, storeId, runId, activeShare, visitsPerYear, membersEnv: { MEMBERS_ENCRYPTION_KEYS, MEMBERS_ACTIVE_KEY_ID, MEMBERS_HASH_KEY }, seed }
 * @returns member(i) → { memberId, active, startBalance, docs: { service: { collection: doc[] } } }
 */
export function synthesiser(mods, o) {
  const { members: M, points: P, segments: S, common: C } = mods;
  /** Keys kept on a balance (points' ledger) and in a member's spend guard before a settle (members' tier qualification). */
  const { APPLIED_KEPT } = P;
  const { SETTLE_AFTER } = M;
  const membersEnv = Object.assign(new M.MembersEnv(), { DEFAULT_PHONE_REGION: 'CN' });
  const codec = new M.PersonalDataCodec(
    C.PersonalDataCipher.fromConfig(o.membersEnv.MEMBERS_ENCRYPTION_KEYS, o.membersEnv.MEMBERS_ACTIVE_KEY_ID),
    new C.KeyedHasher(o.membersEnv.MEMBERS_HASH_KEY),
    membersEnv,
  );
  const tiers = M.sortTiers(M.DEFAULT_TIERS);
  const mode = membersEnv.MEMBERS_TIER_QUALIFICATION;
  const graceDays = membersEnv.MEMBERS_TIER_GRACE_DAYS;
  const pointsEnv = new P.PointsEnv();
  const ruleSet = P.DEFAULT_RULE_SET;
  const profileCfg = S.profileConfig(new S.SegmentsEnv());
  const now = o.now;
  const rnd = prng(o.seed ?? 1);
  const cards = new Set();
  const between = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const randomDate = (from, to) => new Date(from + Math.floor(rnd() * (to - from)));
  let tx = 0;

  /** A basket: 1-4 lines, prices skewed low (most baskets tens of yuan, a few thousands), now and then a gift card. */
  function basket() {
    const lines = [];
    const n = 1 + Math.floor(rnd() * rnd() * 4);
    for (let i = 0; i < n; i++) {
      const c = CATEGORIES[Math.min(CATEGORIES.length - 1, Math.floor(rnd() * rnd() * CATEGORIES.length))];
      const unit = Math.round((c.minor[0] + (c.minor[1] - c.minor[0]) * rnd() ** 3) / 10) * 10;
      lines.push({ sku: c.sku, category: c.category, quantity: 1 + Math.floor(rnd() * rnd() * 3), unitPriceMinor: unit, discountMinor: 0 });
    }
    if (rnd() < 0.03) lines.push({ sku: 'SKU-GIFT', category: 'gift_card', quantity: 1, unitPriceMinor: 10000, discountMinor: 0 });
    return lines;
  }

  /** The review date of a tier held since `since`, after the yearly reviews that kept it (tier-review.service.ts). */
  function reviewDateOf(since) {
    let review = M.reviewDateFrom(mode, since);
    while (M.addDays(review, graceDays).getTime() <= now.getTime()) review = M.reviewDateFrom(mode, review);
    return review;
  }

  return function member(i) {
    const memberId = randomUUID();
    const active = rnd() < o.activeShare;
    const enrolledAt = active ? randomDate(now - 4 * 365 * DAY, now - 366 * DAY) : randomDate(now - 5 * 365 * DAY, now - DAY);
    const channel = rnd() < 0.7 ? 'store' : rnd() < 0.5 ? 'app' : 'web';
    const marketing = rnd() < 0.4;
    const analytics = rnd() < 0.6;
    const birthday = randomDate(Date.UTC(1950, 0, 1), Date.UTC(2006, 0, 1))
      .toISOString()
      .slice(0, 10);
    const phone = codec.phone(`158${String(i).padStart(8, '0')}`);
    const email = codec.email(`scale-${o.runId}-${i}@bench.local`);
    let cardNumber;
    do cardNumber = M.generateCardNumber();
    while (cards.has(cardNumber));
    cards.add(cardNumber);
    const lowest = tiers[0];
    const consents = {};
    const consentHistory = [];
    for (const [purpose, granted] of [
      ['marketing', marketing],
      ['analytics', analytics],
    ]) {
      consents[purpose] = { granted, at: enrolledAt, channel, policyVersion: 'v1' };
      consentHistory.push({ ...consents[purpose], purpose, actorId: 'scale-loader', actorRole: 'admin' });
    }
    const tier = { code: lowest.code, since: enrolledAt, reviewDate: reviewDateOf(enrolledAt), floorCode: lowest.code, override: null };
    const tierHistory = [{ from: '', to: lowest.code, reason: 'enrolment', at: enrolledAt, by: 'scale-loader' }];
    const ref = { _id: memberId, tier: lowest.code, earnMultiplierPercent: 100, tierChangedAt: null, birthdayOn: null, erased: false };
    const audience = {
      _id: memberId,
      marketingGranted: marketing,
      marketingChangedAt: enrolledAt,
      analyticsGranted: analytics,
      analyticsChangedAt: enrolledAt,
      enrolledAt,
      tier: lowest.code,
      tierChangedAt: enrolledAt,
      preferredStoreId: o.storeId,
      erased: false,
      erasedAt: null,
    };
    const docs = {
      members: { members: [], qualifying_spend: [] },
      points: { points_member_refs: [ref], points_purchases: [], points_ledger: [], points_lots: [], points_balances: [], points_daily_earnings: [] },
      segments: { segments_audience_members: [audience], segments_purchase_facts: [], segments_member_profiles: [] },
      feedback: { feedback_purchases: [] },
    };
    const spend = { spendByDay: {}, _spendApplied: [], _spendSettles: 0 };
    let qualifyingSpendMinor = 0;
    let lastActivityAt = enrolledAt;
    let updatedAt = enrolledAt;
    const facts = [];
    const balance = { available: 0, pending: 0, applied: [], updatedAt: null };
    const postings = []; // ledger postings in the order they happen (earns at the sale, releases after the pending days)

    if (active) {
      const visits = Math.max(1, Math.round(o.visitsPerYear * (0.25 + 1.5 * rnd())));
      const times = Array.from({ length: visits }, () => now.getTime() - 1 - Math.floor(rnd() * 365 * DAY)).sort((a, b) => a - b);
      const earnedOnDay = new Map();
      const settleRows = [];
      for (const t of times) {
        const occurredAt = new Date(t);
        const recordedAt = new Date(t + between(20, 900));
        const lines = basket();
        const totalMinor = lines.reduce((s, l) => s + l.quantity * l.unitPriceMinor - l.discountMinor, 0);
        const transactionId = `scale-${o.runId}-${++tx}`;
        const purchaseId = P.purchaseIdOf(o.storeId, transactionId);
        const day = occurredAt.toISOString().slice(0, 10);
        const sale = { storeId: o.storeId, occurredAt, currency: 'CNY', totalMinor, lines };
        const before = earnedOnDay.get(day) ?? 0;
        const earned = P.calculateEarning(ruleSet, sale, {
          tier: ref.tier,
          earnMultiplierPercent: ref.earnMultiplierPercent,
          isBirthday: false,
          earnedTodayBefore: before,
        });
        earnedOnDay.set(day, before + earned.points);
        const availableAt = new Date(t + pointsEnv.POINTS_PENDING_DAYS * DAY);
        const expiresAt = P.addMonths(occurredAt, pointsEnv.POINTS_EXPIRY_MONTHS);
        const pendingAtSale = availableAt.getTime() > recordedAt.getTime();
        const earning = {
          points: earned.points,
          creditedPoints: earned.points,
          status: pendingAtSale ? 'pending' : 'available',
          ruleVersion: earned.ruleVersion,
          rules: earned.rules,
          availableAt,
          expiresAt,
        };
        const body = {
          storeId: o.storeId,
          terminalId: `till-${1 + (tx % 8)}`,
          transactionId,
          member: { memberId },
          occurredAt: occurredAt.toISOString(),
          currency: 'CNY',
          lines,
          totalMinor,
          tender: rnd() < 0.6 ? 'card' : 'cash',
        };
        docs.points.points_purchases.push({
          _id: purchaseId,
          storeId: o.storeId,
          occurredAt,
          currency: 'CNY',
          totalMinor,
          lines,
          terminalId: body.terminalId,
          transactionId,
          requestHash: C.requestHash(body),
          identifiedBy: 'memberId',
          outcome: 'credited',
          memberId,
          earning,
          hold: null,
          claimableUntil: new Date(t + pointsEnv.POINTS_CLAIM_WINDOW_DAYS * DAY),
          claim: null,
          returnedMinor: 0,
          returns: [],
          response: null,
          recordedAt,
        });
        if (earned.points > 0) {
          const key = P.earnKey(purchaseId);
          postings.push({
            at: recordedAt.getTime(),
            entry: {
              _id: key,
              memberId,
              type: 'earn',
              availableDelta: pendingAtSale ? 0 : earned.points,
              pendingDelta: pendingAtSale ? earned.points : 0,
              spentDelta: 0,
              reference: { purchaseId, storeId: o.storeId, transactionId },
              reasonCode: null,
              note: null,
              actor: null,
              lot: { points: earned.points, availableAt, expiresAt, released: !pendingAtSale },
              balanceAfter: null,
              occurredAt,
              recordedAt,
            },
          });
          // The release job (points' ledger jobs) frees the lot once its pending days are over.
          const releasedAt = availableAt.getTime() + between(1000, 3_600_000);
          const released = pendingAtSale && releasedAt < now.getTime();
          docs.points.points_lots.push({
            _id: key,
            memberId,
            points: earned.points,
            reversed: 0,
            reversals: [],
            released: released || !pendingAtSale,
            releasedAmount: released || !pendingAtSale ? earned.points : null,
            releaseApplied: released || !pendingAtSale,
            availableAt,
            expiresAt,
            expiryChecked: false,
          });
          if (released) {
            postings.push({
              at: releasedAt,
              entry: {
                _id: `release:${key}`,
                memberId,
                type: 'release',
                availableDelta: earned.points,
                pendingDelta: -earned.points,
                spentDelta: 0,
                reference: { lotId: key },
                reasonCode: null,
                note: null,
                actor: null,
                lot: null,
                balanceAfter: null,
                occurredAt: new Date(releasedAt),
                recordedAt: new Date(releasedAt),
              },
            });
          }
        }
        // Daily cap reservations live 8 days after their day (a TTL index removes older ones).
        const expireAt = new Date(Date.parse(`${day}T00:00:00.000Z`) + 8 * DAY);
        if (ruleSet.rules.maxPointsPerDay !== null && expireAt.getTime() > now.getTime()) {
          const id = `${memberId}:${day}`;
          const daily = docs.points.points_daily_earnings.find((d) => d._id === id);
          const reservation = { key: purchaseId, points: earned.points, before };
          if (daily) {
            daily.earned += earned.points;
            daily.keys.push(reservation);
          } else docs.points.points_daily_earnings.push({ _id: id, earned: earned.points, keys: [reservation], expireAt });
        }

        // members: a spend row, counted once into the day totals, settled every SETTLE_AFTER keys; upgrades at once.
        const rowId = `purchase:${purchaseId}`;
        const row = {
          _id: rowId,
          memberId,
          kind: 'purchase',
          purchaseId,
          amountMinor: totalMinor,
          currency: 'CNY',
          countsAt: occurredAt,
          eventId: randomUUID(),
          recordedAt: new Date(recordedAt.getTime() + between(5, 500)),
        };
        docs.members.qualifying_spend.push(row);
        const spendDay = M.spendDay(occurredAt);
        spend.spendByDay[spendDay] = (spend.spendByDay[spendDay] ?? 0) + totalMinor;
        spend._spendApplied.push(rowId);
        lastActivityAt = row.recordedAt;
        if (spend._spendApplied.length >= SETTLE_AFTER) {
          settleRows.push(...spend._spendApplied);
          spend._spendApplied = [];
          spend._spendSettles += 1;
        }
        const at = row.recordedAt;
        const inWindow = M.spendInWindow(spend.spendByDay, M.qualificationWindow(mode, at));
        const up = M.upgradeTarget(tiers, tier.code, inWindow);
        if (up) {
          tierHistory.push({ from: tier.code, to: up.code, reason: 'qualified', at, by: 'system' });
          Object.assign(tier, { code: up.code, since: at, reviewDate: M.reviewDateFrom(mode, at), override: null });
          qualifyingSpendMinor = inWindow;
          updatedAt = at;
          // member.tier.changed.v1 reaches points (earn multiplier of later sales) and segments.
          Object.assign(ref, { tier: up.code, earnMultiplierPercent: up.benefits.earnMultiplierPercent, tierChangedAt: at });
          Object.assign(audience, { tier: up.code, tierChangedAt: at });
        }
        docs.segments.segments_purchase_facts.push({ _id: purchaseId, memberId, occurredAt, amountMinor: totalMinor, currency: 'CNY' });
        facts.push({ occurredAt, amountMinor: totalMinor, currency: 'CNY' });
        docs.feedback.feedback_purchases.push({ _id: purchaseId, storeId: o.storeId, day });
      }
      const settled = new Set(settleRows);
      for (const row of docs.members.qualifying_spend) if (settled.has(row._id)) row.settled = true;

      // The balance: every posting applied in time order; each earn line keeps the balance the till was told.
      postings.sort((a, b) => a.at - b.at);
      for (const { at, entry } of postings) {
        balance.available += entry.availableDelta;
        balance.pending += entry.pendingDelta;
        balance.applied.push(entry._id);
        balance.updatedAt = new Date(at);
        if (entry.type === 'earn') entry.balanceAfter = { available: balance.available, pending: balance.pending };
        docs.points.points_ledger.push(entry);
      }
      if (postings.length)
        docs.points.points_balances.push({
          _id: memberId,
          available: balance.available,
          pending: balance.pending,
          spent: 0,
          updatedAt: balance.updatedAt,
          _applied: balance.applied.slice(-APPLIED_KEPT),
          _inflight: [],
        });
    }

    docs.members.members.push({
      _id: memberId,
      cardNumber,
      status: 'active',
      channel,
      memberClass: 'regular',
      organisationId: null,
      preferredStoreId: o.storeId,
      personal: codec.seal(memberId, { name: `Scale ${i}`, phone, email, birthday }),
      phoneHash: codec.phoneHash(phone),
      emailHash: codec.emailHash(email),
      birthdayMdHash: codec.birthdayHash(birthday.slice(5)),
      consents,
      consentHistory,
      changeHistory: [],
      tier,
      qualifyingSpendMinor,
      tierHistory,
      enrolledAt,
      lastActivityAt,
      updatedAt,
      erasedAt: null,
      ...(active ? spend : {}),
    });

    // segments: the profile as a re-placement now would write it (no cut points computed yet in a fresh database).
    const state = S.evaluateProfile({ purchases: facts, returns: [] }, { enrolledAt, profilingAllowed: analytics }, null, now, profileCfg);
    const moves = [];
    if (state.segment !== null) moves.push({ at: now, kind: 'segment', from: null, to: state.segment });
    if (state.stage !== null) moves.push({ at: now, kind: 'stage', from: null, to: state.stage });
    docs.segments.segments_member_profiles.push({ _id: memberId, rev: 0, ...state, stageSince: state.stage ? now : null, evaluatedAt: now, moves });

    return { memberId, active, startBalance: balance.available + balance.pending, docs };
  };
}
