// Where the tests' broker and database come from, in this order:
//  1. TEST_MONGO_URL + TEST_KAFKA_BROKERS already set: use them as they are;
//  2. TEST_INFRA=containers, or a Docker engine answers and TEST_INFRA is not "embedded":
//     testcontainers with the real `mongo:7` and `apache/kafka:3.9.1` images;
//  3. otherwise the embedded test profile (Kafka from Maven Central + mongo-java-server, in memory).
// The SMTP server (Mailpit, with its inspection API) likewise: TEST_SMTP_URL + TEST_MAILPIT_API
// when both are set; else the `axllent/mailpit` image with containers; else the embedded test
// profile's Mailpit (built from the Go module proxy), also when the broker and database are external.
import { createServer } from 'node:net';
import { dockerEngineAvailable, say } from './lib-common.mjs';
import { infraDown, infraUp, MAILPIT_VERSION } from './infra-lib.mjs';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function startContainers() {
  const { GenericContainer, Wait } = await import('testcontainers');
  const mail = externalMailpit()
    ? null
    : await new GenericContainer(`axllent/mailpit:${MAILPIT_VERSION}`)
        .withExposedPorts(1025, 8025)
        .withWaitStrategy(Wait.forHttp('/api/v1/info', 8025))
        .start();
  const mongo = await new GenericContainer('mongo:7')
    .withExposedPorts(27017)
    .withWaitStrategy(Wait.forLogMessage(/Waiting for connections/))
    .start();
  const kafkaPort = await freePort();
  const kafka = await new GenericContainer('apache/kafka:3.9.1')
    .withExposedPorts({ container: 9092, host: kafkaPort })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${kafkaPort}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_NUM_PARTITIONS: '3',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  return {
    mongoUrl: `mongodb://${mongo.getHost()}:${mongo.getMappedPort(27017)}`,
    kafkaBrokers: `127.0.0.1:${kafkaPort}`,
    ...(externalMailpit() ?? {
      smtpUrl: `smtp://${mail.getHost()}:${mail.getMappedPort(1025)}`,
      mailpitApi: `http://${mail.getHost()}:${mail.getMappedPort(8025)}`,
    }),
    stop: async () => {
      await Promise.allSettled([kafka.stop(), mongo.stop(), ...(mail ? [mail.stop()] : [])]);
    },
  };
}

/** TEST_SMTP_URL + TEST_MAILPIT_API given: an SMTP server with Mailpit's API, run by someone else. */
function externalMailpit() {
  const { TEST_SMTP_URL, TEST_MAILPIT_API } = process.env;
  return TEST_SMTP_URL && TEST_MAILPIT_API ? { smtpUrl: TEST_SMTP_URL, mailpitApi: TEST_MAILPIT_API } : null;
}

/** The test profile's own Mailpit, when the broker and database come from elsewhere. */
async function embeddedMailpit(keep) {
  const given = externalMailpit();
  if (given) {
    say(`using external test SMTP server: ${given.smtpUrl} (API ${given.mailpitApi})`);
    return { ...given, stop: async () => {} };
  }
  delete process.env.SMTP_URL; // a dev stack's SMTP server is not the tests'
  const up = await infraUp({ profile: 'test', only: ['mailpit'], log: (m) => say(m) });
  return {
    smtpUrl: up.smtpUrl,
    mailpitApi: up.mailpitUi,
    stop: async () => {
      if (!keep && up.started.length > 0) await infraDown({ profile: 'test', only: ['mailpit'], log: (m) => say(m) });
    },
  };
}

/** Returns { mongoUrl, kafkaBrokers, smtpUrl, mailpitApi, mode, stop() }. */
export async function provideTestInfra({ keep = false } = {}) {
  if (process.env.TEST_MONGO_URL && process.env.TEST_KAFKA_BROKERS) {
    say(`using external test servers: ${process.env.TEST_MONGO_URL} and ${process.env.TEST_KAFKA_BROKERS}`);
    const mail = await embeddedMailpit(keep);
    return {
      mongoUrl: process.env.TEST_MONGO_URL,
      kafkaBrokers: process.env.TEST_KAFKA_BROKERS,
      smtpUrl: mail.smtpUrl,
      mailpitApi: mail.mailpitApi,
      mode: 'external',
      stop: mail.stop,
    };
  }
  const wanted = process.env.TEST_INFRA ?? 'auto';
  if (wanted === 'containers' || (wanted === 'auto' && dockerEngineAvailable())) {
    say('Docker engine found: starting mongo:7 and apache/kafka:3.9.1 with testcontainers...');
    process.env.TEST_DATABASE_FLAVOUR = 'mongodb';
    return { ...(await startContainers()), mode: 'containers' };
  }
  say('no Docker engine: starting the embedded test infrastructure (Kafka 3.9.1 KRaft + mongo-java-server, in memory, + Mailpit)...');
  // The infra lib treats MONGO_URL / KAFKA_BROKERS / SMTP_URL as "external servers": tests must not inherit a dev stack's.
  delete process.env.MONGO_URL;
  delete process.env.KAFKA_BROKERS;
  const given = externalMailpit();
  if (given) process.env.SMTP_URL = given.smtpUrl;
  else delete process.env.SMTP_URL;
  const up = await infraUp({ profile: 'test', log: (m) => say(m) });
  return {
    mongoUrl: up.mongoUrl,
    kafkaBrokers: up.kafkaBrokers,
    smtpUrl: up.smtpUrl,
    mailpitApi: given?.mailpitApi ?? up.mailpitUi,
    mode: 'embedded',
    // Stop only what this run started (a developer's already-running test servers stay up).
    stop: async () => {
      if (!keep && up.started.length > 0) await infraDown({ profile: 'test', log: (m) => say(m) });
    },
  };
}
