// Consumer lag of Kafka consumer groups (messages on their topics not yet committed), for the
// benchmarks and the chaos run: is every consumer keeping up, and how long does it take to catch up?
import { Kafka, logLevel } from 'kafkajs';

/** Lag by group id: the sum over partitions of (end offset - committed offset). Groups whose id starts with `prefix` only. */
export async function consumerLag(kafka, prefix = '') {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    const lag = {};
    const highs = new Map();
    for (const { groupId } of groups.filter((g) => g.groupId.startsWith(prefix))) {
      lag[groupId] = 0;
      for (const t of await admin.fetchOffsets({ groupId })) {
        if (!highs.has(t.topic)) highs.set(t.topic, await admin.fetchTopicOffsets(t.topic));
        for (const p of t.partitions) {
          const h = Number(highs.get(t.topic).find((x) => x.partition === p.partition)?.high ?? 0);
          const done = Number(p.offset) < 0 ? 0 : Number(p.offset);
          if (h > done) lag[groupId] += h - done;
        }
      }
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}

export const lagClient = (brokers) => new Kafka({ clientId: 'bench-lag', brokers: brokers.split(','), logLevel: logLevel.NOTHING });

/**
 * Samples the lag of the `prefix` groups every `everyMs` until stopped: the largest lag each group
 * reached during the load, and after `stop()` how long each took to reach zero (up to `drainMs`).
 */
export function lagSampler(kafka, prefix, everyMs = 5000) {
  const max = {};
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const lag = await consumerLag(kafka, prefix).catch(() => ({}));
      for (const [g, n] of Object.entries(lag)) max[g] = Math.max(max[g] ?? 0, n);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop(drainMs = 120000) {
      stopped = true;
      await loop;
      const atEnd = await consumerLag(kafka, prefix);
      const started = Date.now();
      const drainedMs = Object.fromEntries(Object.keys(atEnd).map((g) => [g, atEnd[g] === 0 ? 0 : null]));
      while (Object.values(drainedMs).includes(null) && Date.now() - started < drainMs) {
        await new Promise((r) => setTimeout(r, 500));
        const now = await consumerLag(kafka, prefix);
        for (const g of Object.keys(drainedMs)) if (drainedMs[g] === null && (now[g] ?? 0) === 0) drainedMs[g] = Date.now() - started;
      }
      return Object.fromEntries(
        Object.keys(atEnd).map((g) => [g.slice(prefix.length), { maxLag: Math.max(max[g] ?? 0, atEnd[g]), lagAtEnd: atEnd[g], drainedInMs: drainedMs[g] }]),
      );
    },
  };
}
