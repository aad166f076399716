// Scale mode of the POS benchmark (issue 15, "flat as data grows"): bulk-load N enrolled members and
// a year of purchases per active member straight into each service's own database, as a migration
// would (no API calls, no events), before the measured load. See history.mjs for the documents.
import { MongoClient } from 'mongodb';
import { serviceModules } from './modules.mjs';
import { synthesiser } from './history.mjs';

const BATCH = 2000;
const IN_FLIGHT = 4;
/** Members synthesised before their documents are queued for writing (bounds the memory of one step). */
const STEP = 500;

/** A bounded writer: documents queue per collection, `insertMany({ ordered: false })` per full batch, a few batches in flight. */
function bulkWriter(db, counts, service) {
  const queues = new Map();
  const inFlight = new Set();
  let failure = null;
  const send = async (collection, docs) => {
    while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    if (failure) throw failure;
    const p = db
      .collection(collection)
      .insertMany(docs, { ordered: false })
      .then(
        (r) => {
          const key = `${service}.${collection}`;
          counts[key] = (counts[key] ?? 0) + r.insertedCount;
        },
        (err) => {
          failure ??= new Error(`${service}.${collection}: ${err.message}`);
        },
      )
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  return {
    async add(collection, docs) {
      if (!docs.length) return;
      let q = queues.get(collection);
      if (!q) queues.set(collection, (q = []));
      q.push(...docs);
      while (q.length >= BATCH) await send(collection, q.splice(0, BATCH));
    },
    async flush() {
      for (const [collection, q] of queues) if (q.length) await send(collection, q.splice(0));
      await Promise.all(inFlight);
      if (failure) throw failure;
    },
  };
}

/** dbStats of one database (the figures the server gives; mongo-java-server gives fewer than MongoDB). */
export async function databaseSizes(dbUrls) {
  const out = {};
  for (const [service, dbUrl] of Object.entries(dbUrls)) {
    const client = new MongoClient(dbUrl);
    try {
      const s = await client.db().command({ dbStats: 1 });
      out[service] = Object.fromEntries(
        ['collections', 'objects', 'dataSize', 'storageSize', 'indexes', 'indexSize', 'totalSize']
          .filter((k) => s[k] !== undefined)
          .map((k) => [k, Number(s[k])]),
      );
    } catch (err) {
      out[service] = { error: err.message };
    } finally {
      await client.close();
    }
  }
  return out;
}

/**
 * @param o { root, buildDir, dbUrls: { members, points, segments, feedback }, storeId, runId, members, activeShare, visitsPerYear, membersEnv, say }
 * @returns { members, active, activeIds, startBalanceTotal, docs: { 'service.collection': n }, docsTotal, loadMs, docsPerSec }
 */
export async function loadScale(o) {
  const started = Date.now();
  const mods = serviceModules(o.root, o.buildDir);
  const member = synthesiser(mods, {
    now: new Date(),
    storeId: o.storeId,
    runId: o.runId,
    activeShare: o.activeShare,
    visitsPerYear: o.visitsPerYear,
    membersEnv: o.membersEnv,
    seed: o.seed ?? 15,
  });
  const clients = {};
  const writers = {};
  const counts = {};
  for (const service of ['members', 'points', 'segments', 'feedback']) {
    clients[service] = new MongoClient(o.dbUrls[service], { maxPoolSize: IN_FLIGHT + 2 });
    writers[service] = bulkWriter(clients[service].db(), counts, service);
  }
  const activeIds = [];
  let startBalanceTotal = 0;
  let lastSay = Date.now();
  try {
    for (let i = 0; i < o.members; i += STEP) {
      const step = { members: {}, points: {}, segments: {}, feedback: {} };
      for (let j = i; j < Math.min(o.members, i + STEP); j++) {
        const m = member(j);
        if (m.active) activeIds.push(m.memberId);
        startBalanceTotal += m.startBalance;
        for (const [service, collections] of Object.entries(m.docs))
          for (const [collection, docs] of Object.entries(collections)) (step[service][collection] ??= []).push(...docs);
      }
      await Promise.all(
        Object.entries(step).map(async ([service, collections]) => {
          for (const [collection, docs] of Object.entries(collections)) await writers[service].add(collection, docs);
        }),
      );
      if (Date.now() - lastSay > 15000) {
        lastSay = Date.now();
        const written = Object.values(counts).reduce((s, n) => s + n, 0);
        o.say?.(
          `  scale load: ${Math.min(o.members, i + STEP).toLocaleString('en')} members synthesised, ${written.toLocaleString('en')} documents written (${Math.round(written / ((Date.now() - started) / 1000)).toLocaleString('en')}/s)...`,
        );
      }
    }
    for (const w of Object.values(writers)) await w.flush();
  } finally {
    for (const c of Object.values(clients)) await c.close();
  }
  const loadMs = Date.now() - started;
  const docsTotal = Object.values(counts).reduce((s, n) => s + n, 0);
  return {
    members: o.members,
    active: activeIds.length,
    activeIds,
    startBalanceTotal,
    docs: Object.fromEntries(Object.entries(counts).sort()),
    docsTotal,
    loadMs,
    docsPerSec: Math.round(docsTotal / (loadMs / 1000)),
  };
}

/** Points balances of the loaded members now, read from the points database by id (the balance API would also read every lot of each). */
export async function loadedBalanceTotal(pointsDbUrl, memberIds) {
  const client = new MongoClient(pointsDbUrl);
  let total = 0;
  try {
    const balances = client.db().collection('points_balances');
    for (let i = 0; i < memberIds.length; i += 5000) {
      const rows = await balances.find({ _id: { $in: memberIds.slice(i, i + 5000) } }, { projection: { available: 1, pending: 1 } }).toArray();
      for (const b of rows) total += (b.available ?? 0) + (b.pending ?? 0);
    }
  } finally {
    await client.close();
  }
  return total;
}
