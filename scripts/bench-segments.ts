/**
 * `npm run bench:segments` (figures in bench/segments/README.md): at a steady purchase load through
 * the real broker, the time from a `purchase.recorded` published to the `segment.entered` the
 * segments service publishes for it. The service runs in this process against the shared test
 * broker and a fresh test database; each purchase is the first of a fresh member (enrolled with
 * analytics consent), so each one places its member in a segment against the current cut points.
 * Options: --rate purchases/s (default 20) --seconds N (default 20) --base N (members that set the
 * cut points first, default 200).
 */
import 'reflect-metadata';
import { Kafka, logLevel } from 'kafkajs';
import { EventFactory, toKafkaMessage } from '../libs/common/src';
import type { EventName, PayloadOf } from '../libs/contracts/src';
import { startTestService, testBrokers, testEnv, uniqueSuffix, waitUntil } from '../libs/testing/src';
import { SegmentsEnv } from '../apps/segments/src/config/segments.env';
import { RecomputeJobService } from '../apps/segments/src/profiles/recompute-job.service';
import { segmentsService } from '../apps/segments/src/segments.service-descriptor';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const RATE = arg('rate', 20);
const SECONDS = arg('seconds', 20);
const BASE = arg('base', 200);
const DAY = 86_400_000;

async function main(): Promise<void> {
  process.env.NODE_ENV = 'test';
  const svc = await startTestService(segmentsService, testEnv(SegmentsEnv, 'segments', { SEGMENTS_RECOMPUTE_INTERVAL_MS: '0', LOG_LEVEL: 'error' }));
  const kafka = new Kafka({ clientId: `bench-${uniqueSuffix()}`, brokers: testBrokers().split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  const factory = svc.app.get(EventFactory);
  const send = async <N extends EventName>(name: N, payloads: Array<PayloadOf<N>>) => {
    const events = payloads.map((p) => factory.create(name, p));
    await producer.send({ topic: name, acks: -1, messages: events.map((e) => toKafkaMessage(e)) });
  };
  const entered = new Map<string, number>();
  const consumer = kafka.consumer({ groupId: `bench-reader-${uniqueSuffix()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: ['segment.entered.v1'], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const key = message.key?.toString('utf8');
      if (key && !entered.has(key)) entered.set(key, Date.now());
    },
  });

  const run = uniqueSuffix();
  const now = Date.now();
  const count = RATE * SECONDS;
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `bench-${run}-${prefix}-${i}`);
  const base = ids('base', BASE);
  const fresh = ids('fresh', count);
  const enrol = async (members: string[]) => {
    const at = new Date(now - 400 * DAY).toISOString();
    await send(
      'member.enrolled.v1',
      members.map((memberId) => ({
        memberId,
        channel: 'store' as const,
        memberClass: 'regular',
        tier: 'regular',
        preferredStoreId: 'store-1',
        enrolledAt: at,
      })),
    );
    await send(
      'member.consent.changed.v1',
      members.map((memberId) => ({ memberId, purpose: 'analytics' as const, granted: true, policyVersion: 'p1', changedAt: at })),
    );
  };
  const profiles = svc.connection.collection<{ _id: string; profiled: boolean; features: { lifetimePurchases: number } }>('segments_member_profiles');
  console.log(`bench:segments: ${BASE} members set the cut points, then ${count} first purchases at ${RATE}/s for ${SECONDS} s`);
  await enrol([...base, ...fresh]);
  await waitUntil(async () => (await profiles.countDocuments({ profiled: true })) >= BASE + count, 120_000, 'members enrolled and consented');
  let tx = 0;
  for (let i = 0; i < BASE; i += 100) {
    const batch = base.slice(i, i + 100).flatMap((memberId, j) =>
      Array.from({ length: 1 + ((i + j) % 5) }, (_, k) => ({
        purchaseId: `store-1:B-${run}-${tx++}`,
        memberId,
        storeId: 'store-1',
        amountMinor: 1000 * (1 + ((i + j) % 9)),
        currency: 'CNY',
        categories: [],
        occurredAt: new Date(now - (1 + ((i + j + k * 7) % 300)) * DAY).toISOString(),
      })),
    );
    await send('purchase.recorded.v1', batch);
  }
  await waitUntil(
    async () => (await profiles.countDocuments({ _id: { $in: base }, 'features.lifetimePurchases': { $gt: 0 } })) >= BASE,
    120_000,
    'base purchases handled',
  );
  const { done } = await svc.app.get(RecomputeJobService).start('on_demand');
  await done;

  const published = new Map<string, number>();
  const started = Date.now();
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const memberId = fresh[i];
    published.set(memberId, Date.now());
    await send('purchase.recorded.v1', [
      {
        purchaseId: `store-1:F-${run}-${i}`,
        memberId,
        storeId: 'store-1',
        amountMinor: 5000,
        currency: 'CNY',
        categories: [],
        occurredAt: new Date(now - DAY).toISOString(),
      },
    ]);
  }
  const offered = count / ((Date.now() - started) / 1000);
  await waitUntil(() => fresh.every((m) => entered.has(m)), 120_000, 'every segment.entered').catch(() => undefined);
  const lat = fresh
    .filter((m) => entered.has(m))
    .map((m) => entered.get(m)! - published.get(m)!)
    .sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.ceil((p / 100) * lat.length) - 1)] ?? NaN;
  console.log(`offered ${offered.toFixed(1)} purchases/s; segment.entered seen for ${lat.length} of ${count}`);
  console.log(`purchase.recorded published -> segment.entered seen (ms): p50 ${q(50)}, p95 ${q(95)}, p99 ${q(99)}, max ${lat[lat.length - 1]}`);
  console.log(`target p99 < 2000 ms: ${q(99) < 2000 ? 'met' : 'MISSED'}`);
  await consumer.disconnect();
  await producer.disconnect();
  await svc.close();
}

main()
  .then(() => process.exit(process.exitCode ?? 0))
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
