/**
 * Integration and e2e tests need the real broker and database. `npm test` (scripts/test.mjs)
 * starts them and exports TEST_MONGO_URL (a server URL without database: every test makes
 * its own `*_test` database) and TEST_KAFKA_BROKERS. Running jest directly without them fails
 * here with instructions instead of timing out in every test.
 */
import { Socket } from 'node:net';

function reachable(host: string, port: number, timeoutMs = 3000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  const mongo = process.env.TEST_MONGO_URL;
  const kafka = process.env.TEST_KAFKA_BROKERS;
  if (!mongo || !kafka) {
    throw new Error(
      'TEST_MONGO_URL and TEST_KAFKA_BROKERS are not set. Run integration tests with `npm test` (it starts the broker and database), or set both to running servers.',
    );
  }
  const [mongoHost, mongoPort] = new URL(mongo).host.split(':');
  const [kafkaHost, kafkaPort] = (kafka.split(',')[0] ?? '').split(':');
  for (const [what, host, port] of [
    ['database', mongoHost, mongoPort],
    ['broker', kafkaHost, kafkaPort],
  ] as const) {
    if (!(await reachable(host ?? '127.0.0.1', Number(port)))) {
      throw new Error(`The test ${what} at ${host}:${port} does not accept connections. Run \`npm run infra:up -- --profile test\` or \`npm test\`.`);
    }
  }
}
