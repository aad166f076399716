#!/usr/bin/env node
// `npm run chaos`: the platform under faults while tills keep selling. See bench/chaos/README.md.
//
// Starts its OWN Kafka + database (profile `chaos`: ports 29092 / 27317, file-backed, data in
// .local/chaos) and two instances of every service on free ports, drives POS sales through the
// gateways the way tills do (the same transaction id retried on a timeout, a 5xx or a 503 after
// its Retry-After) plus returns and enrolments at a lower rate, and injects one fault after another:
// SIGKILL + restart of a points, a members and a gateway instance, a broker restart, a database
// restart, and both segments instances stopped (SIGSTOP) to build a consumer backlog. Then it
// waits for the backlog to drain and checks: 0 lost and 0 double credits, 0 balance-vs-ledger
// drift, members' qualifying spend equal to the sales and returns, no consumer lag, no outbox
// backlog, dead letters listed with their reasons; per fault, the window in which requests failed,
// the time to full recovery and what /metrics showed. Figures are printed and written to
// .local/chaos/chaos-<time>.json.
//
// Options: --instances <n> (2), --rate <sales/s> (5, over --tills <n> (8) tills serving one customer at a time), --phase <s> (15: time given to each fault),
// --members <n> (20), --keep-infra (leave the chaos broker + database running afterwards).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { freePort, ROOT, run, say } from './lib-common.mjs';
import * as infraLib from './infra-lib.mjs';
import { consumerLag } from '../bench/lib/kafka-lag.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const INSTANCES = Number(opt('instances', 2));
const RATE = Number(opt('rate', 5));
const TILLS = Number(opt('tills', 8));
const PHASE_MS = Number(opt('phase', 15)) * 1000;
const MEMBERS = Number(opt('members', 20));
const KEEP_INFRA = argv.includes('--keep-infra');
const PROFILE = 'chaos';
const OUT_DIR = path.join(ROOT, '.local', 'chaos');
const BUILD_DIR = path.join(OUT_DIR, 'dist');
const LOG_DIR = path.join(OUT_DIR, 'service-logs');
const RUN = `c${randomBytes(3).toString('hex')}`;
const STORE = `chaos-store-${RUN}`;
const SECRETS = {
  INTERNAL_TOKEN: randomBytes(24).toString('base64url'),
  GATEWAY_TOKEN_SECRET: randomBytes(32).toString('base64url'),
  MEMBERS_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  MEMBERS_ACTIVE_KEY_ID: 'k1',
  MEMBERS_HASH_KEY: randomBytes(32).toString('base64'),
  FEEDBACK_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  FEEDBACK_ACTIVE_KEY_ID: 'k1',
  FEEDBACK_HASH_KEY: randomBytes(32).toString('base64'),
  MESSAGING_LINK_SECRET: randomBytes(32).toString('base64url'),
  BOOTSTRAP_ADMIN_EMAIL: 'chaos-admin@chaos.local',
  BOOTSTRAP_ADMIN_PASSWORD: randomBytes(12).toString('base64url'),
};
const SERVICES = ['members', 'points', 'segments', 'feedback', 'messaging', 'gateway'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- processes ----------------------------------------------------------------------------------

/** name -> [{ label, port, child }] */
const instances = {};
const url = (name, k) => `http://127.0.0.1:${instances[name][k].port}`;
const urls = (name) => instances[name].map((_, k) => url(name, k)).join(',');

function serviceEnv(name, infra, port) {
  return {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    MONGO_URL: infraLib.withDatabase(infra.mongoUrl, `loyalty_${name}`),
    KAFKA_BROKERS: infra.kafkaBrokers,
    LOG_LEVEL: 'warn',
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
    TS_NODE_BASEURL: BUILD_DIR,
    ...SECRETS,
    MEMBERS_URL: urls('members'),
    POINTS_URL: urls('points'),
    SEGMENTS_URL: urls('segments'),
    FEEDBACK_URL: urls('feedback'),
    MESSAGING_URL: urls('messaging'),
    SMTP_URL: infra.smtpUrl,
    PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
    // The anomaly hold keeps a big basket's points pending until staff review it: the load's baskets
    // vary enough to trip it, and held sales are not credited by design, so it is off here.
    POINTS_ANOMALY_MULTIPLE: '0',
    RATE_LIMIT_PER_IP: '1000000',
    RATE_LIMIT_PER_API_KEY: '1000000',
    RATE_LIMIT_PER_SUBJECT: '1000000',
  };
}

function startInstance(name, k, infra) {
  const inst = instances[name][k];
  const log = fs.openSync(path.join(LOG_DIR, `${inst.label}.log`), 'a');
  inst.child = spawn(process.execPath, ['-r', 'tsconfig-paths/register', path.join(BUILD_DIR, 'apps', name, 'src/main.js')], {
    cwd: ROOT,
    env: serviceEnv(name, infra, inst.port),
    stdio: ['ignore', log, log],
  });
}

async function ready(base) {
  try {
    const res = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(3000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

async function waitFor(probe, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(250);
  }
}

async function stopAll() {
  const all = Object.values(instances)
    .flat()
    .filter((i) => i.child && i.child.exitCode === null && i.child.signalCode === null);
  for (const i of all) {
    i.child.kill('SIGCONT');
    i.child.kill('SIGTERM');
  }
  await Promise.all(all.map((i) => Promise.race([new Promise((r) => i.child.once('exit', r)), sleep(15000)])));
  for (const i of all) if (i.child.exitCode === null && i.child.signalCode === null) i.child.kill('SIGKILL');
}

// ---- HTTP as a till does it ----------------------------------------------------------------------

/** Every attempt that did not get an answer the till accepts: { at, what }. */
const failures = [];
let gatewayTurn = 0;

async function exchange(method, p, body, headers, timeoutMs = 5000) {
  // A load balancer in front of the gateways: round-robin, and the next one when a connection is refused.
  for (let tried = 0; tried < instances.gateway.length; tried++) {
    const base = url('gateway', gatewayTurn++ % instances.gateway.length);
    try {
      const res = await fetch(`${base}${p}`, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      let json = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: json, retryAfter: Number(res.headers.get('retry-after') ?? 0) };
    } catch (err) {
      if (err?.cause?.code === 'ECONNREFUSED') continue;
      return { status: 0, body: null, error: err?.name === 'TimeoutError' ? 'timeout' : String(err?.cause?.code ?? err) };
    }
  }
  return { status: 0, body: null, error: 'no gateway accepts connections' };
}

/** Retry until an answer that is not a timeout, a 5xx or a 503: what a till does with one transaction id. */
async function untilAnswered(kind, method, p, body, headers, giveUpMs = 180_000) {
  const started = Date.now();
  let attempts = 0;
  for (;;) {
    attempts += 1;
    const at = Date.now();
    const r = await exchange(method, p, body, headers);
    if (r.status !== 0 && r.status < 500) return { ...r, attempts, ms: Date.now() - started };
    failures.push({ at, kind, what: r.status ? `${r.status} ${r.body?.code ?? ''}`.trim() : r.error });
    if (Date.now() - started > giveUpMs) return { ...r, attempts, gaveUp: true, ms: Date.now() - started };
    await sleep(r.status === 503 && r.retryAfter > 0 ? r.retryAfter * 1000 : 1000);
  }
}

// ---- the workload ----------------------------------------------------------------------------------

const sales = []; // { transactionId, memberId, totalMinor, answer }
const returns = []; // { transactionId, memberId, refundMinor, answer }
const enrolments = []; // { answer }
const pending = new Set();
let posHeaders = {};
let adminHeaders = {};
let memberIds = [];
let seq = 0;
let loadOn = false;

function track(promise) {
  pending.add(promise);
  void promise.finally(() => pending.delete(promise));
}

/** One sale, retried by its till until answered. */
function sell(till) {
  seq += 1;
  const memberId = memberIds[seq % memberIds.length];
  const units = 1 + (seq % 7);
  const unitPriceMinor = 100 * (1 + (seq % 40));
  const sale = { transactionId: `${RUN}-T${seq}`, memberId, totalMinor: units * unitPriceMinor, answer: null };
  sales.push(sale);
  const body = {
    storeId: STORE,
    terminalId: `till-${till}`,
    transactionId: sale.transactionId,
    member: { memberId },
    occurredAt: new Date().toISOString(),
    currency: 'CNY',
    lines: [{ sku: 'SKU-TEA', category: 'grocery', quantity: units, unitPriceMinor, discountMinor: 0 }],
    totalMinor: sale.totalMinor,
    tender: 'card',
  };
  return untilAnswered('sale', 'POST', '/v1/pos/transactions', body, posHeaders).then((a) => (sale.answer = a));
}

function giveBack() {
  const candidates = sales.filter((s) => s.answer && (s.answer.status === 201 || s.answer.status === 200) && !s.returned);
  if (candidates.length === 0) return;
  const sale = candidates[Math.floor(Math.random() * candidates.length)];
  sale.returned = true;
  const ret = {
    transactionId: `${RUN}-R${seq}-${returns.length}`,
    memberId: sale.memberId,
    refundMinor: Math.max(100, Math.floor(sale.totalMinor / 2)),
    answer: null,
  };
  returns.push(ret);
  const body = {
    storeId: STORE,
    terminalId: 'till-returns',
    transactionId: ret.transactionId,
    original: { storeId: STORE, transactionId: sale.transactionId },
    occurredAt: new Date().toISOString(),
    currency: 'CNY',
    refundMinor: ret.refundMinor,
  };
  track(untilAnswered('return', 'POST', '/v1/pos/returns', body, posHeaders).then((a) => (ret.answer = a)));
}

function enrol(i) {
  const e = { answer: null };
  enrolments.push(e);
  track(untilAnswered('enrolment', 'POST', '/v1/members', enrolBody(`late-${i}`), adminHeaders).then((a) => (e.answer = a)));
}

function enrolBody(tag) {
  const phone = `139${String(randomBytes(4).readUInt32BE() % 100_000_000).padStart(8, '0')}`;
  return {
    channel: 'store',
    name: `Chaos ${tag}`,
    phone,
    email: `chaos-${RUN}-${tag}@chaos.local`,
    birthday: '1990-01-01',
    preferredStoreId: STORE,
    memberClass: 'regular',
    consents: { marketing: { granted: false, policyVersion: 'chaos' }, analytics: { granted: false, policyVersion: 'chaos' } },
  };
}

/**
 * TILLS tills, each serving one customer at a time (a sale is retried until answered before the
 * next customer), customers arriving so that all tills together offer RATE sales/s; returns and
 * enrolments on their own clocks. Outstanding sales are bounded by the number of tills, as in a
 * shop: a slow platform makes queues at the tills, not an unbounded retry storm.
 */
async function loadLoop() {
  const till = async (t) => {
    const every = (TILLS * 1000) / RATE;
    await sleep(Math.random() * every);
    while (loadOn) {
      const started = Date.now();
      const sale = sell(t);
      track(sale);
      await sale;
      await sleep(Math.max(0, every - (Date.now() - started)));
    }
  };
  const side = async (fn, everyMs) => {
    let n = 0;
    while (loadOn) {
      await sleep(everyMs);
      if (loadOn) fn(++n);
    }
  };
  await Promise.all([...Array.from({ length: TILLS }, (_, t) => till(t)), side(() => giveBack(), 2000), side((n) => enrol(n), 3000)]);
}

// ---- metrics ----------------------------------------------------------------------------------

function parseMetrics(text) {
  const out = {};
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m) continue;
    const [, name, labels = '', value] = m;
    (out[name] ??= []).push({ labels, value: Number(value) });
  }
  return out;
}
const sum = (series, filter = () => true) => (series ?? []).filter((s) => filter(s.labels)).reduce((a, s) => a + s.value, 0);

async function scrape(name) {
  const totals = { lag: 0, outbox: 0, http5xx: 0, shed: 0, unavailable: 0, eventLoopLagP99: 0, reached: 0 };
  for (let k = 0; k < instances[name].length; k++) {
    try {
      const res = await fetch(`${url(name, k)}/metrics`, { signal: AbortSignal.timeout(1500) });
      const m = parseMetrics(await res.text());
      totals.reached += 1;
      totals.lag += sum(m.kafka_consumer_lag);
      totals.outbox += sum(m.outbox_backlog);
      totals.http5xx += sum(m.http_requests_total, (l) => /status="5/.test(l)) + sum(m.gateway_requests_total, (l) => /status="5/.test(l));
      totals.shed += sum(m.http_requests_shed_total);
      totals.unavailable += sum(m.gateway_downstream_unavailable_total);
      totals.eventLoopLagP99 = Math.max(totals.eventLoopLagP99, sum(m.nodejs_eventloop_lag_p99_seconds));
    } catch {
      /* instance down */
    }
  }
  return totals;
}

/** Sample the services' /metrics every 3 s while `fn` runs: the maximum of each gauge, per service. */
async function watchMetrics(fn) {
  const peak = {};
  let on = true;
  const loop = (async () => {
    while (on) {
      for (const name of SERVICES) {
        const t = await scrape(name);
        const p = (peak[name] ??= { lag: 0, outbox: 0, http5xx: 0, shed: 0, unavailable: 0, eventLoopLagP99: 0 });
        for (const key of Object.keys(p)) p[key] = Math.max(p[key], t[key]);
      }
      await sleep(3000);
    }
  })();
  const result = await fn();
  on = false;
  await loop;
  return { result, peak };
}

// ---- faults ----------------------------------------------------------------------------------

/** Resolves once every instance of `names` has answered ready at least once (probed each 250 ms). */
async function eachReadyOnce(names, timeoutMs, what) {
  const todo = new Set(names.flatMap((name) => instances[name].map((_, k) => `${name}:${k}`)));
  await waitFor(
    async () => {
      for (const id of [...todo]) {
        const [name, k] = id.split(':');
        if (await ready(url(name, Number(k)))) todo.delete(id);
      }
      return todo.size === 0;
    },
    timeoutMs,
    what,
  ).catch(async (err) => {
    const why = await Promise.all(
      [...todo].map(async (id) => {
        const [name, k] = id.split(':');
        const body = await fetch(`${url(name, Number(k))}/health/ready`, { signal: AbortSignal.timeout(10000) })
          .then((r) => r.text())
          .catch((e) => String(e?.cause?.code ?? e));
        return `${name}-${Number(k) + 1}: ${body.slice(0, 300)}`;
      }),
    );
    throw new Error(`${err.message}; not ready: ${why.join(' | ')}`);
  });
  return Date.now();
}

async function killAndRestart(name, infra) {
  const inst = instances[name][0];
  inst.child.kill('SIGKILL');
  await new Promise((r) => (inst.child.exitCode !== null || inst.child.signalCode !== null ? r() : inst.child.once('exit', r)));
  await sleep(2000); // the orchestrator notices and starts a new one
  startInstance(name, 0, infra);
}

function faults(infra) {
  return [
    { name: 'SIGKILL points-1 + restart', affects: ['points'], inject: () => killAndRestart('points', infra) },
    { name: 'SIGKILL members-1 + restart', affects: ['members'], inject: () => killAndRestart('members', infra) },
    { name: 'SIGKILL gateway-1 + restart', affects: ['gateway'], inject: () => killAndRestart('gateway', infra) },
    { name: 'Kafka broker restart', affects: SERVICES, inject: () => infraLib.infraRestart({ profile: PROFILE, server: 'kafka', log: () => undefined }) },
    {
      name: 'database restart (file-backed)',
      affects: SERVICES,
      inject: () => infraLib.infraRestart({ profile: PROFILE, server: 'mongo', log: () => undefined }),
    },
    {
      name: 'segments consumers stopped 15 s (backlog)',
      affects: ['segments'],
      inject: async () => {
        for (const i of instances.segments) i.child.kill('SIGSTOP');
        await sleep(15000);
        for (const i of instances.segments) i.child.kill('SIGCONT');
      },
    },
  ];
}

async function runFault(fault) {
  const t0 = Date.now();
  const failedBefore = failures.length;
  const { peak, result } = await watchMetrics(async () => {
    await fault.inject();
    const injectedMs = Date.now() - t0;
    // Recovered: every instance of what was hit (and the gateways) ready, and a sale answered after that.
    const readyAt = await eachReadyOnce([...new Set([...fault.affects, 'gateway'])], 180_000, `${fault.name}: recovery`);
    await waitFor(() => probeSale(readyAt), 60_000, `${fault.name}: a sale answered first time`);
    const recoveredMs = Date.now() - t0;
    const rest = PHASE_MS - recoveredMs;
    if (rest > 0) await sleep(rest);
    return { injectedMs, recoveredMs };
  });
  const mine = failures.slice(failedBefore);
  const kinds = {};
  for (const f of mine) kinds[f.what] = (kinds[f.what] ?? 0) + 1;
  return {
    fault: fault.name,
    failedAttempts: mine.length,
    failureWindowMs: mine.length ? mine[mine.length - 1].at - mine[0].at : 0,
    firstFailureAfterMs: mine.length ? mine[0].at - t0 : null,
    recoveryMs: result.recoveredMs,
    injectionMs: result.injectedMs,
    failures: kinds,
    metricsPeak: peak,
  };
}

/** A sale sent now that is answered on its first attempt (recovery proof when the load is thin). */
async function probeSale(after) {
  if (Date.now() < after) return false;
  seq += 1;
  const body = {
    storeId: STORE,
    terminalId: 'till-probe',
    transactionId: `${RUN}-P${seq}`,
    member: { memberId: memberIds[0] },
    occurredAt: new Date().toISOString(),
    currency: 'CNY',
    lines: [{ sku: 'SKU-TEA', category: 'grocery', quantity: 1, unitPriceMinor: 100, discountMinor: 0 }],
    totalMinor: 100,
    tender: 'card',
  };
  const sale = { transactionId: body.transactionId, memberId: memberIds[0], totalMinor: 100, answer: null };
  sales.push(sale);
  sale.answer = await untilAnswered('sale', 'POST', '/v1/pos/transactions', body, posHeaders);
  return sale.answer.attempts === 1 && sale.answer.status < 300;
}

// ---- final checks ----------------------------------------------------------------------------------

/** Groups still behind, with their lag (none: every consumer caught up). */
const laggingGroups = async (kafka) => Object.fromEntries(Object.entries(await consumerLag(kafka)).filter(([, n]) => n > 0));

async function deadLetters(kafka) {
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => t.endsWith('.dlq'));
  const counts = {};
  for (const t of topics) counts[t] = (await admin.fetchTopicOffsets(t)).reduce((a, p) => a + Number(p.high) - Number(p.low), 0);
  await admin.disconnect();
  const entries = [];
  const withLetters = topics.filter((t) => counts[t] > 0);
  if (withLetters.length) {
    const consumer = kafka.consumer({ groupId: `chaos-dlq-reader-${RUN}` });
    await consumer.connect();
    await consumer.subscribe({ topics: withLetters, fromBeginning: true });
    const want = withLetters.reduce((a, t) => a + counts[t], 0);
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 15000);
      void consumer.run({
        eachMessage: async ({ topic, message }) => {
          const h = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString()]));
          entries.push({ topic, from: h['dlq-original-topic'], code: h['dlq-error-code'] ?? null, reason: String(h['dlq-error-message'] ?? '').slice(0, 200) });
          if (entries.length >= want) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await consumer.disconnect();
  }
  return { counts, entries };
}

function countBy(items, key) {
  const out = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
}

async function checks(infra, kafka) {
  const points = await mongoose.createConnection(infraLib.withDatabase(infra.mongoUrl, 'loyalty_points')).asPromise();
  const members = await mongoose.createConnection(infraLib.withDatabase(infra.mongoUrl, 'loyalty_members')).asPromise();
  try {
    const acked = sales.filter((s) => s.answer && (s.answer.status === 201 || s.answer.status === 200));
    const unanswered = sales.filter((s) => !s.answer || s.answer.gaveUp);
    const refused = sales.filter((s) => s.answer && s.answer.status >= 400 && s.answer.status < 500);
    const purchaseIds = acked.map((s) => s.answer.body?.purchaseId).filter(Boolean);
    const earnEntries = await points
      .collection('points_ledger')
      .find({ _id: { $in: purchaseIds.map((id) => `earn:${id}`) } })
      .toArray();
    const earnedById = new Map(earnEntries.map((e) => [e._id, (e.availableDelta ?? 0) + (e.pendingDelta ?? 0)]));
    const lost = acked.filter((s) => !earnedById.has(`earn:${s.answer.body.purchaseId}`)).length;
    const purchasesPerTx = await points
      .collection('points_purchases')
      .aggregate([{ $match: { _id: { $regex: `^${STORE}:` } } }, { $group: { _id: '$transactionId', n: { $sum: 1 } } }, { $match: { n: { $gt: 1 } } }])
      .toArray();
    const firstAnswerPoints = acked.reduce((a, s) => a + (s.answer.body?.points?.earned ?? 0), 0);
    const ledgerPoints = [...earnedById.values()].reduce((a, v) => a + v, 0);
    const reconcile = await untilAnswered('check', 'GET', '/v1/points/reconciliation', undefined, adminHeaders);

    const ackedReturns = returns.filter((r) => r.answer && (r.answer.status === 201 || r.answer.status === 200));
    const runMembers = [...new Set(sales.map((s) => s.memberId))];
    const spendRows = await members
      .collection('qualifying_spend')
      .find({ memberId: { $in: runMembers } })
      .toArray();
    const spendPurchases = spendRows.filter((r) => r.kind === 'purchase').reduce((a, r) => a + r.amountMinor, 0);
    const spendReturns = spendRows.filter((r) => r.kind === 'return').reduce((a, r) => a + r.amountMinor, 0);
    const salesTotal = acked.reduce((a, s) => a + s.totalMinor, 0);
    const refundsTotal = ackedReturns.reduce((a, r) => a + r.refundMinor, 0);
    const enrolled = enrolments.filter((e) => e.answer && e.answer.status === 201).length;

    return {
      salesSent: sales.length,
      salesAcknowledged: acked.length,
      salesRefused4xx: refused.length,
      refusedCodes: [...new Set(refused.map((s) => s.answer.body?.code))],
      salesUnanswered: unanswered.length,
      retriedSales: acked.filter((s) => s.answer.attempts > 1).length,
      lost,
      doubleCredits: purchasesPerTx.length,
      pointsInFirstAnswers: firstAnswerPoints,
      pointsInLedger: ledgerPoints,
      drift: reconcile.body?.drifted ?? `reconciliation answered ${reconcile.status}`,
      membersChecked: reconcile.body?.membersChecked,
      qualifyingSpend: {
        sales: salesTotal,
        purchaseRows: spendPurchases,
        refunds: refundsTotal,
        returnRows: -spendReturns,
        equal: salesTotal === spendPurchases && refundsTotal === -spendReturns,
      },
      returns: {
        sent: returns.length,
        acknowledged: ackedReturns.length,
        refused: returns.filter((r) => r.answer && r.answer.status >= 400 && r.answer.status < 500).map((r) => r.answer.body?.code),
      },
      enrolments: {
        sent: enrolments.length,
        created: enrolled,
        byAnswer: countBy(enrolments, (e) => `${e.answer?.status ?? 'none'} ${e.answer?.body?.code ?? ''}`.trim()),
      },
      consumerLag: await laggingGroups(kafka),
      outboxBacklog: Object.fromEntries(await Promise.all(SERVICES.map(async (n) => [n, (await scrape(n)).outbox]))),
      deadLetters: await deadLetters(kafka),
    };
  } finally {
    await points.close();
    await members.close();
  }
}

// ---- main ----------------------------------------------------------------------------------

async function main() {
  // Never the dev / test servers: this run restarts its own.
  delete process.env.MONGO_URL;
  delete process.env.KAFKA_BROKERS;
  say(`chaos ${RUN}: fresh infrastructure (profile chaos: Kafka :29092, database :27317, file-backed, .local/chaos)...`);
  await infraLib.infraDown({ profile: PROFILE, purge: true, log: () => undefined });
  const infra = await infraLib.infraUp({ profile: PROFILE, log: () => undefined });
  fs.mkdirSync(LOG_DIR, { recursive: true });
  say('building into .local/chaos/dist ...');
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  if ((await run(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', BUILD_DIR, '--tsBuildInfoFile', path.join(OUT_DIR, 'tsbuildinfo')])) !== 0)
    throw new Error('build failed');

  for (const name of SERVICES) {
    instances[name] = [];
    for (let k = 0; k < INSTANCES; k++) instances[name].push({ label: `${name}-${k + 1}`, port: await freePort(), child: null });
  }
  const kafka = new Kafka({ clientId: `chaos-${RUN}`, brokers: [infra.kafkaBrokers], logLevel: logLevel.NOTHING });
  const started = Date.now();
  let report;
  try {
    say(`starting ${INSTANCES} instance(s) of ${SERVICES.join(', ')} ...`);
    // Members first: points and the gateway create topics too; one writer at a time is gentler on the broker.
    for (const name of SERVICES) for (let k = 0; k < INSTANCES; k++) startInstance(name, k, infra);
    await eachReadyOnce(SERVICES, 360_000, 'every instance ready');
    say(`all ready in ${((Date.now() - started) / 1000).toFixed(0)} s; setting up a store, a POS key and ${MEMBERS} members ...`);

    const token = await untilAnswered(
      'setup',
      'POST',
      '/v1/auth/token',
      { email: SECRETS.BOOTSTRAP_ADMIN_EMAIL, password: SECRETS.BOOTSTRAP_ADMIN_PASSWORD },
      {},
    );
    adminHeaders = { authorization: `Bearer ${token.body.accessToken}` };
    await untilAnswered('setup', 'POST', '/v1/stores', { storeId: STORE, name: 'Chaos store' }, adminHeaders);
    const key = await untilAnswered('setup', 'POST', `/v1/stores/${STORE}/api-keys`, { label: 'chaos tills' }, adminHeaders);
    posHeaders = { 'x-api-key': key.body.apiKey };
    for (let i = 0; i < MEMBERS; i++) memberIds.push((await untilAnswered('setup', 'POST', '/v1/members', enrolBody(String(i)), adminHeaders)).body.memberId);
    // Until points has projected every member, a sale for it is refused (unknown member): wait.
    for (const memberId of memberIds) {
      await waitFor(
        async () => {
          seq += 1;
          const body = {
            storeId: STORE,
            terminalId: 'warmup',
            transactionId: `${RUN}-W${seq}`,
            member: { memberId },
            occurredAt: new Date().toISOString(),
            currency: 'CNY',
            lines: [{ sku: 'W', category: 'grocery', quantity: 1, unitPriceMinor: 100, discountMinor: 0 }],
            totalMinor: 100,
            tender: 'cash',
          };
          const r = await untilAnswered('setup', 'POST', '/v1/pos/transactions', body, posHeaders);
          if (r.status === 201) sales.push({ transactionId: body.transactionId, memberId, totalMinor: 100, answer: r });
          return r.status === 201;
        },
        60_000,
        `member ${memberId} known to points`,
      );
    }
    failures.length = 0;

    say(`load: ${TILLS} tills offering ${RATE} sales/s together, a return every 2 s, an enrolment every 3 s; faults every ${PHASE_MS / 1000} s`);
    loadOn = true;
    const load = loadLoop();
    const baseline = await watchMetrics(() => sleep(5000));
    const results = [];
    for (const fault of faults(infra)) {
      say(`fault: ${fault.name} ...`);
      const r = await runFault(fault);
      say(`  ${r.failedAttempts} failed attempts over ${(r.failureWindowMs / 1000).toFixed(1)} s; recovered in ${(r.recoveryMs / 1000).toFixed(1)} s`);
      results.push(r);
    }
    loadOn = false;
    await load;
    say(`load stopped; waiting for ${pending.size} sales/returns still being retried ...`);
    await Promise.race([Promise.all([...pending]), sleep(120_000)]);
    say('waiting for consumers and outboxes to drain ...');
    const drainStart = Date.now();
    await waitFor(
      async () => Object.keys(await laggingGroups(kafka)).length === 0 && (await Promise.all(SERVICES.map((n) => scrape(n)))).every((t) => t.outbox === 0),
      120_000,
      'no consumer lag and empty outboxes',
    ).catch((e) => say(String(e.message)));
    const drainMs = Date.now() - drainStart;
    // The members' qualifying spend follows the points events: let the last ones land.
    const final = await checks(infra, kafka);
    report = {
      run: RUN,
      instances: INSTANCES,
      rate: RATE,
      phaseMs: PHASE_MS,
      durationMs: Date.now() - started,
      baselineMetrics: baseline.peak,
      faults: results,
      drainMs,
      checks: final,
    };
  } finally {
    await stopAll();
    if (!KEEP_INFRA) await infraLib.infraDown({ profile: PROFILE, log: () => undefined });
  }
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, `chaos-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2));
  print(report);
  say(`written to ${path.relative(ROOT, file)}; service logs in ${path.relative(ROOT, LOG_DIR)}`);
  const c = report.checks;
  const ok =
    c.lost === 0 && c.doubleCredits === 0 && c.drift === 0 && c.qualifyingSpend.equal && c.salesUnanswered === 0 && Object.keys(c.consumerLag).length === 0;
  process.exitCode = ok ? 0 : 1;
}

function print(r) {
  const c = r.checks;
  say('');
  say(`chaos run ${r.run}: ${r.instances} instances of every service, ${r.rate} sales/s, ${(r.durationMs / 1000).toFixed(0)} s`);
  say(
    '| fault | failed attempts | failure window s | recovery s | failures | /metrics peaks: points lag / outbox; 5xx and GATEWAY.SERVICE_UNAVAILABLE counters (since each instance started) points 5xx; gateway 5xx / unavailable |',
  );
  say('| --- | --- | --- | --- | --- | --- |');
  for (const f of r.faults) {
    const p = f.metricsPeak.points ?? {};
    const g = f.metricsPeak.gateway ?? {};
    const kinds =
      Object.entries(f.failures)
        .map(([k, n]) => `${k}: ${n}`)
        .join(', ') || '-';
    say(
      `| ${f.fault} | ${f.failedAttempts} | ${(f.failureWindowMs / 1000).toFixed(1)} | ${(f.recoveryMs / 1000).toFixed(1)} | ${kinds} | ${p.lag} / ${p.outbox} / ${p.http5xx}; ${g.http5xx} / ${g.unavailable} |`,
    );
  }
  const seg = r.faults.find((f) => f.fault.startsWith('segments'))?.metricsPeak.segments;
  if (seg) say(`segments consumer lag peak during the stop: ${seg.lag}`);
  say('');
  say(
    `sales: ${c.salesSent} sent, ${c.salesAcknowledged} acknowledged (${c.retriedSales} after retries), ${c.salesRefused4xx} refused 4xx ${c.refusedCodes.join(' ')}, ${c.salesUnanswered} unanswered`,
  );
  say(
    `lost: ${c.lost}   double credits: ${c.doubleCredits}   drift: ${c.drift} (${c.membersChecked} members)   points in answers ${c.pointsInFirstAnswers} = ledger ${c.pointsInLedger}: ${c.pointsInFirstAnswers === c.pointsInLedger}`,
  );
  say(
    `qualifying spend: sales ${c.qualifyingSpend.sales} vs rows ${c.qualifyingSpend.purchaseRows}; refunds ${c.qualifyingSpend.refunds} vs rows ${c.qualifyingSpend.returnRows}: ${c.qualifyingSpend.equal ? 'equal' : 'DIFFERENT'}`,
  );
  say(
    `returns: ${c.returns.sent} sent, ${c.returns.acknowledged} acknowledged ${c.returns.refused.length ? `(refused: ${c.returns.refused.join(' ')})` : ''}; enrolments: ${c.enrolments.sent} sent, ${c.enrolments.created} created, answers ${JSON.stringify(c.enrolments.byAnswer)}`,
  );
  say(
    `consumer lag at the end: ${JSON.stringify(c.consumerLag)}; outbox backlog: ${JSON.stringify(c.outboxBacklog)}; drained in ${(r.drainMs / 1000).toFixed(1)} s`,
  );
  say(`dead letters: ${JSON.stringify(c.deadLetters.counts)}`);
  for (const e of c.deadLetters.entries.slice(0, 10)) say(`  ${e.topic} (from ${e.from}): ${e.code ?? ''} ${e.reason}`);
}

process.on('SIGINT', () => {
  say('interrupted: stopping the services and the chaos infrastructure ...');
  void stopAll()
    .then(() => (KEEP_INFRA ? undefined : infraLib.infraDown({ profile: PROFILE, log: () => undefined })))
    .finally(() => process.exit(130));
});

main().catch(async (err) => {
  say(`chaos failed: ${err instanceof Error ? err.stack : String(err)}`);
  await stopAll().catch(() => undefined);
  process.exit(1);
});
