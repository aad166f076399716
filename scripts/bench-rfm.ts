/**
 * `npm run bench:rfm` (figures in bench/segments/README.md): the full RFM recompute of the segments service's pure code (features,
 * quintile cut points, scores, segments, lifecycle stages, moves) over 1,000,000 members and
 * 10,000,000 purchases, and the same cut points and segments computed by DuckDB on the same data
 * in the same run, checked to agree. Options: --members N --purchases N.
 *
 * How the data is loaded: DuckDB generates the purchases deterministically (hash-based member,
 * time within two years, amount), and the bench reads them into typed arrays (the load time is
 * printed); both engines then work on the same rows. The service itself reads facts from MongoDB;
 * this measures the computation, not the database.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { LifecycleStage, RfmSegment } from '../libs/contracts/src/segments/segmentation';
import { DAY_MS, type MemberFeatures } from '../apps/segments/src/profiles/features';
import { lifecycleStage } from '../apps/segments/src/profiles/lifecycle';
import { evaluateProfile, type ProfileConfig } from '../apps/segments/src/profiles/profile-state';
import { DEFAULT_SEGMENT_RULES, rfmCuts, rfmScores, segmentOf, type RfmCuts, type RfmValues } from '../apps/segments/src/profiles/rfm';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const MEMBERS = arg('members', 1_000_000);
const PURCHASES = arg('purchases', 10_000_000);
const NOW = Date.parse('2026-12-01T00:00:00.000Z');
const CFG: ProfileConfig = {
  features: { windowDays: 365, currency: 'CNY' },
  lifecycle: { newDays: 30, churnDays: 180, atRiskFactor: 3, defaultIntervalDays: 30 },
};

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
const peak = () => mb(process.resourceUsage().maxRSS * 1024);
const rows: Array<{ phase: string; seconds: string; heap: string; peakRss: string; note: string }> = [];
async function phase<T>(name: string, note: (r: T) => string, fn: () => T | Promise<T>): Promise<T> {
  const t = process.hrtime.bigint();
  const r = await fn();
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  rows.push({ phase: name, seconds: s.toFixed(2), heap: mb(process.memoryUsage().heapUsed), peakRss: peak(), note: note(r) });
  console.log(`  ${name}: ${s.toFixed(2)} s (${note(r)})`);
  return r;
}
const seconds = (name: string) => Number(rows.find((r) => r.phase === name)?.seconds ?? 0);

/** Purchases sorted by member, as typed arrays. */
interface Purchases {
  member: Int32Array;
  ts: Float64Array;
  amount: Int32Array;
}

async function generate(db: DuckDBConnection): Promise<void> {
  // Skewed members (some buy often, many rarely, some never), times within two years, amounts 10-510 CNY.
  await db.run(`
    CREATE TABLE purchases AS
    SELECT floor(pow((hash(i) % 1000003) / 1000003.0, 1.6) * ${MEMBERS})::INTEGER AS member,
           (${NOW} - ((hash(i * 7 + 1) % 730) * ${DAY_MS}) - (hash(i * 13 + 5) % ${DAY_MS}))::DOUBLE AS ts,
           (1000 + hash(i * 31 + 7) % 50000)::INTEGER AS amount
    FROM range(${PURCHASES}) t(i)`);
}

async function load(db: DuckDBConnection): Promise<Purchases> {
  const out: Purchases = { member: new Int32Array(PURCHASES), ts: new Float64Array(PURCHASES), amount: new Int32Array(PURCHASES) };
  const result = await db.stream('SELECT member, ts, amount FROM purchases ORDER BY member, ts');
  let at = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const [m, t, a] = [chunk.getColumnValues(0), chunk.getColumnValues(1), chunk.getColumnValues(2)];
    for (let i = 0; i < chunk.rowCount; i++, at++) {
      out.member[at] = m[i] as number;
      out.ts[at] = t[i] as number;
      out.amount[at] = a[i] as number;
    }
  }
  return out;
}

interface Placed {
  features: Array<MemberFeatures | null>;
  reactivatedAt: Array<Date | null>;
  segment: Array<RfmSegment | null>;
  stage: Array<LifecycleStage | null>;
}

/** Features of every member from their purchases at `now` (the service's evaluateProfile, no cut points yet). */
function features(p: Purchases, now: number): Pick<Placed, 'features' | 'reactivatedAt'> {
  const out: Pick<Placed, 'features' | 'reactivatedAt'> = { features: new Array(MEMBERS).fill(null), reactivatedAt: new Array(MEMBERS).fill(null) };
  const at = new Date(now);
  let i = 0;
  for (let m = 0; m < MEMBERS; m++) {
    const facts = [];
    while (i < p.member.length && p.member[i] === m) {
      if (p.ts[i] <= now) facts.push({ occurredAt: new Date(p.ts[i]), amountMinor: p.amount[i], currency: 'CNY' });
      i++;
    }
    const s = evaluateProfile({ purchases: facts, returns: [] }, { enrolledAt: null, profilingAllowed: true }, null, at, CFG);
    out.features[m] = s.features;
    out.reactivatedAt[m] = s.stage === 'reactivated' ? new Date(now) : null;
  }
  return out;
}

function activeValues(f: Array<MemberFeatures | null>): RfmValues[] {
  const v: RfmValues[] = [];
  for (const x of f)
    if (x && x.purchaseCount > 0 && x.recencyDays !== null) v.push({ recencyDays: x.recencyDays, frequency: x.purchaseCount, monetaryMinor: x.netSpendMinor });
  return v;
}

/** Scores, segment and stage of every member against the cut points. */
function place(f: Pick<Placed, 'features' | 'reactivatedAt'>, cuts: RfmCuts, now: number): Placed {
  const segment: Array<RfmSegment | null> = new Array(MEMBERS).fill(null);
  const stage: Array<LifecycleStage | null> = new Array(MEMBERS).fill(null);
  const at = new Date(now);
  for (let m = 0; m < MEMBERS; m++) {
    const x = f.features[m]!;
    const scores =
      x.purchaseCount > 0 && x.recencyDays !== null
        ? rfmScores({ recencyDays: x.recencyDays, frequency: x.purchaseCount, monetaryMinor: x.netSpendMinor }, cuts)
        : null;
    segment[m] = scores ? segmentOf(scores) : x.lifetimePurchases > 0 ? 'lost' : null;
    stage[m] = lifecycleStage({ features: x, monetaryScore: scores?.m ?? null, reactivatedAt: f.reactivatedAt[m] ?? null, now: at }, CFG.lifecycle);
  }
  return { ...f, segment, stage };
}

async function recompute(label: string, p: Purchases, now: number): Promise<{ placed: Placed; cuts: RfmCuts }> {
  const f = await phase(
    `${label}: features`,
    () => `${MEMBERS.toLocaleString('en')} members`,
    () => features(p, now),
  );
  const values = activeValues(f.features);
  const cuts = await phase(
    `${label}: cut points`,
    () => `${values.length.toLocaleString('en')} active in the window`,
    () => rfmCuts(values),
  );
  const placed = await phase(
    `${label}: scores, segments, stages`,
    () => '',
    () => place(f, cuts, now),
  );
  return { placed, cuts };
}

function segmentCase(): string {
  const within = (col: string, [lo, hi]: readonly [number, number]) => `${col} BETWEEN ${lo} AND ${hi}`;
  return `CASE ${DEFAULT_SEGMENT_RULES.map((r) => `WHEN ${within('r', r.r)} AND ${within('f', r.f)} AND ${within('m', r.m)} THEN '${r.segment}'`).join(' ')} END`;
}

async function duckdbRfm(db: DuckDBConnection, now: number): Promise<{ cuts: RfmCuts; segments: Map<number, string> }> {
  const since = now - 365 * DAY_MS;
  await db.run(`
    CREATE OR REPLACE TABLE feats AS
    SELECT member,
           floor((${now} - max(ts)) / ${DAY_MS})::BIGINT AS rec,
           count(*) FILTER (WHERE ts > ${since}) AS freq,
           coalesce(sum(amount) FILTER (WHERE ts > ${since}), 0) AS mon
    FROM purchases WHERE ts <= ${now} GROUP BY member`);
  const cutRow = (
    await db.runAndReadAll(`
    WITH a AS (SELECT * FROM feats WHERE freq > 0), s AS (SELECT count(*) AS n, list_sort(list(rec)) AS r, list_sort(list(freq)) AS f, list_sort(list(mon)) AS m FROM a)
    SELECT [r[floor(n * 1 / 5)::BIGINT + 1], r[floor(n * 2 / 5)::BIGINT + 1], r[floor(n * 3 / 5)::BIGINT + 1], r[floor(n * 4 / 5)::BIGINT + 1]],
           [f[floor(n * 1 / 5)::BIGINT + 1], f[floor(n * 2 / 5)::BIGINT + 1], f[floor(n * 3 / 5)::BIGINT + 1], f[floor(n * 4 / 5)::BIGINT + 1]],
           [m[floor(n * 1 / 5)::BIGINT + 1], m[floor(n * 2 / 5)::BIGINT + 1], m[floor(n * 3 / 5)::BIGINT + 1], m[floor(n * 4 / 5)::BIGINT + 1]]
    FROM s`)
  ).getRowsJson()[0] as unknown as [Array<string | number>, Array<string | number>, Array<string | number>];
  const cuts: RfmCuts = { recency: cutRow[0].map(Number), frequency: cutRow[1].map(Number), monetary: cutRow[2].map(Number) };
  const [rc, fc, mc] = [cuts.recency, cuts.frequency, cuts.monetary];
  const gt = (col: string, c: number[]) => c.map((x) => `(${col} > ${x})::INT`).join(' + ');
  const lt = (col: string, c: number[]) => c.map((x) => `(${col} < ${x})::INT`).join(' + ');
  const result = await db.stream(`
    WITH s AS (SELECT member, freq, 1 + ${lt('rec', rc)} AS r, 1 + ${gt('freq', fc)} AS f, 1 + ${gt('mon', mc)} AS m FROM feats)
    SELECT member, CASE WHEN freq = 0 THEN 'lost' ELSE ${segmentCase()} END AS segment FROM s`);
  const segments = new Map<number, string>();
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const [m, s] = [chunk.getColumnValues(0), chunk.getColumnValues(1)];
    for (let i = 0; i < chunk.rowCount; i++) segments.set(m[i] as number, s[i] as string);
  }
  return { cuts, segments };
}

async function main(): Promise<void> {
  console.log(
    `bench:rfm: ${MEMBERS.toLocaleString('en')} members, ${PURCHASES.toLocaleString('en')} purchases (node ${process.version}, ${(await import('node:os')).cpus().length} CPUs)`,
  );
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  await phase(
    'load: generate in DuckDB',
    () => `${PURCHASES.toLocaleString('en')} rows`,
    () => generate(db),
  );
  const purchases = await phase(
    'load: read into typed arrays',
    () => 'sorted by member and time',
    () => load(db),
  );

  // A recompute 30 days earlier places everyone first; the timed one at now re-places them and counts the moves.
  const before = await recompute('earlier recompute (now - 30 d)', purchases, NOW - 30 * DAY_MS);
  const t0 = process.hrtime.bigint();
  const after = await recompute('full recompute', purchases, NOW);
  const moves = await phase(
    'full recompute: moves',
    (m: { segment: number; stage: number }) => `${m.segment.toLocaleString('en')} segment and ${m.stage.toLocaleString('en')} stage moves`,
    () => {
      let segment = 0;
      let stage = 0;
      for (let m = 0; m < MEMBERS; m++) {
        if (before.placed.segment[m] !== after.placed.segment[m]) segment++;
        if (before.placed.stage[m] !== after.placed.stage[m]) stage++;
      }
      return { segment, stage };
    },
  );
  const ours = Number(process.hrtime.bigint() - t0) / 1e9;
  void moves;

  const duck = await phase(
    'duckdb: features, cut points, scores, segments',
    (d: { segments: Map<number, string> }) => `${d.segments.size.toLocaleString('en')} members with purchases`,
    () => duckdbRfm(db, NOW),
  );

  let agree = 0;
  let disagree = 0;
  for (let m = 0; m < MEMBERS; m++) {
    const d = duck.segments.get(m) ?? null;
    if (d === after.placed.segment[m]) agree++;
    else disagree++;
  }
  const sameCuts = JSON.stringify(duck.cuts) === JSON.stringify(after.cuts);
  const duckSeconds = seconds('duckdb: features, cut points, scores, segments');
  console.log('\nphase | seconds | heap after | peak RSS so far | note');
  for (const r of rows) console.log(`${r.phase} | ${r.seconds} | ${r.heap} | ${r.peakRss} | ${r.note}`);
  console.log(`\ncut points: ours ${JSON.stringify(after.cuts)}\n            duckdb ${JSON.stringify(duck.cuts)} -> ${sameCuts ? 'identical' : 'DIFFERENT'}`);
  console.log(`segments: ${agree.toLocaleString('en')} members agree, ${disagree.toLocaleString('en')} disagree`);
  console.log(`full recompute (features + cuts + placement + moves): ${ours.toFixed(2)} s (target < 60 s: ${ours < 60 ? 'met' : 'MISSED'})`);
  console.log(
    `duckdb (features + cuts + scores + segments, read back): ${duckSeconds.toFixed(2)} s; ours / duckdb = ${(ours / duckSeconds).toFixed(1)}x (target within 3x: ${ours / duckSeconds <= 3 ? 'met' : 'MISSED'})`,
  );
  const rebuild = seconds('full recompute: features');
  console.log(
    `rebuild rate of the read model from the history, in memory (every purchase fact folded into its member's features): ${Math.round(PURCHASES / rebuild).toLocaleString('en')} purchases/s; the service's own path (Kafka + MongoDB per event) is not measured here`,
  );
  if (!sameCuts || disagree > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
