// Local infrastructure for the loyalty platform: a single-node Apache Kafka broker (KRaft)
// and a MongoDB-wire-compatible server (mongo-java-server), both run as plain JVM processes,
// and Mailpit, a real SMTP server with a web inbox and an inspection API (one Go binary).
// No Docker needed: jars come from Maven Central through `mvn dependency:copy-dependencies`,
// Mailpit is built from the Go module proxy (`go install github.com/axllent/mailpit@<version>`).
//
// Everything lives under <repo>/.local (git-ignored):
//   .local/cache/kafka-3.9.1/lib                      broker jars (shared by all profiles)
//   .local/cache/mongo-java-server-1.47.0/{lib,classes}
//   .local/cache/mailpit-<version>/mailpit             SMTP server binary (shared by all profiles)
//   .local/<profile>/{kafka-data,mongo-data,logs,pids,kafka}  per-profile state
//
// Public API (used by scripts/infra.mjs, scripts/start.mjs, scripts/test.mjs):
//   infraUp({ profile, only }) -> { profile, mongoUrl, kafkaBrokers, smtpUrl, mailpitUi, env: { MONGO_URL, KAFKA_BROKERS, SMTP_URL }, started }
//   infraDown({ profile, purge })
//   infraStatus({ profile }) -> { profile, allReachable, servers: [...] }
//   withDatabase(mongoUrl, dbName) -> mongoUrl with the database path set
//
// Plain Node ESM, built-ins only; `kafkajs` and `mongodb` (from node_modules) are imported
// lazily, only to probe that the servers really answer.

import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const KAFKA_VERSION = '3.9.1';
export const MONGO_JAVA_SERVER_VERSION = '1.47.0';
export const MAILPIT_VERSION = 'v1.33.1';
const MAILPIT_MODULE = 'github.com/axllent/mailpit';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LOCAL = path.join(ROOT, '.local');
const CACHE = path.join(LOCAL, 'cache');
const INFRA_SRC = path.join(ROOT, 'infra');
const HOST = '127.0.0.1'; // not "localhost": Node may resolve that to ::1, the servers bind IPv4 only

const JAVA_HOME = process.env.JAVA_HOME;
const JAVA = JAVA_HOME ? path.join(JAVA_HOME, 'bin', 'java') : 'java';
const JAVAC = JAVA_HOME ? path.join(JAVA_HOME, 'bin', 'javac') : 'javac';
const MIN_JAVA = 17;

/** Default ports and storage behaviour per profile. Ports can be overridden by env. */
export const PROFILES = {
  // dev: data survives restarts (H2 file for Mongo, Kafka log dirs kept).
  dev: { mongoPort: 27017, kafkaPort: 9092, controllerPort: 9093, smtpPort: 1025, mailUiPort: 8025, persistent: true },
  // test: throw-away state; Mongo in memory, Kafka log dirs wiped on every fresh start.
  test: { mongoPort: 27117, kafkaPort: 19092, controllerPort: 19093, smtpPort: 11025, mailUiPort: 18025, persistent: false },
  // chaos: `npm run chaos` restarts these servers on purpose; file-backed like production, and
  // on ports of its own so it never touches the dev or test servers.
  chaos: { mongoPort: 27317, kafkaPort: 29092, controllerPort: 29093, smtpPort: 21025, mailUiPort: 28025, persistent: true },
  // bench: `npm run bench:pos`; throw-away like test, on ports of its own (a benchmark never shares
  // the test servers), a database heap for the scale mode (about 3 KB of heap per document), and
  // short young-collection pauses (G1's default 200 ms target paused 0.3-0.7 s with 8 GB live).
  bench: {
    mongoPort: 27417,
    kafkaPort: 39092,
    controllerPort: 39093,
    smtpPort: 31025,
    mailUiPort: 38025,
    persistent: false,
    mongoHeap: '12g',
    mongoJvmOpts: ['-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20'],
  },
};

const KAFKA_JVM_OPTS = [
  '-Xmx512m',
  '-Xms256m', // KAFKA_HEAP_OPTS, modest
  '-server',
  '-XX:+UseG1GC',
  '-XX:MaxGCPauseMillis=20',
  '-XX:InitiatingHeapOccupancyPercent=35',
  '-XX:+ExplicitGCInvokesConcurrent',
  '-XX:+ExitOnOutOfMemoryError',
  '-Djava.awt.headless=true',
];
const MONGO_JVM_OPTS = ['-Xms64m', '-XX:+ExitOnOutOfMemoryError', '-Djava.awt.headless=true'];
/** The stand-in keeps every document in its heap: `MONGO_STANDIN_HEAP` (e.g. 8g) overrides the profile's (2g unless set). */
const mongoHeap = (cfg) => process.env.MONGO_STANDIN_HEAP || cfg.mongoHeap || '2g';

const DEFAULT_TIMEOUT_MS = { kafka: 120_000, mongo: 60_000, mailpit: 30_000 };
const STOP_GRACE_MS = { kafka: 30_000, mongo: 15_000, mailpit: 10_000 };

/** An expected failure with a message meant for humans (the CLI prints it without a stack). */
export class InfraError extends Error {}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const defaultLog = (msg) => process.stderr.write(`[infra] ${msg}\n`);
// eslint-disable-next-line no-control-regex -- matching ANSI escape sequences is the point
const stripAnsi = (s) => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function sha256(...parts) {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

function envPort(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InfraError(`${name}=${raw} is not a valid TCP port`);
  }
  return port;
}

/** Last `n` lines of a file, or '' if it does not exist. */
function tail(file, n = 30) {
  const text = readText(file);
  if (!text) return '';
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

function tailReport(files, n = 25) {
  return files
    .map((f) => {
      const t = tail(f, n);
      return t ? `\n--- last lines of ${path.relative(ROOT, f)} ---\n${t}` : '';
    })
    .join('');
}

/** True when something accepts TCP connections on host:port. */
export function portOpen(port, host = HOST, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Cross-process mutex based on an O_EXCL lock file holding the owner pid (stale locks are broken). */
async function withLock(file, fn, timeoutMs = 180_000) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const holder = Number(readText(file));
      if (!holder || !pidAlive(holder)) {
        fs.rmSync(file, { force: true }); // holder died (e.g. Ctrl-C): break the stale lock
        continue;
      }
      if (Date.now() > deadline) {
        throw new InfraError(`Timed out waiting for lock ${path.relative(ROOT, file)} held by pid ${holder}`);
      }
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(file, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Processes: every JVM we start carries a marker system property, so a pid (from a pid file or
// found by scanning /proc) is only trusted when its command line carries that marker. This
// guards against pid reuse and lets us tell "our" server from a foreign one on the same port.
// ---------------------------------------------------------------------------------------------

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM'; // exists, owned by another user
  }
}

/** Command line of a process, or null (gone, zombie, or unreadable). */
function commandLine(pid) {
  if (process.platform === 'linux') {
    const raw = readText(`/proc/${pid}/cmdline`);
    return raw ? raw.split('\0').join(' ') : null; // zombies have an empty cmdline
  }
  const r = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

function isOurProcess(pid, marker) {
  if (!pid || !pidAlive(pid)) return false;
  const cmd = commandLine(pid);
  return cmd !== null && cmd.includes(marker);
}

/** Linux only: find a live process carrying `marker` (e.g. after its pid file was deleted). */
function findPidByMarker(marker) {
  if (process.platform !== 'linux') return null;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid !== process.pid && isOurProcess(pid, marker)) return pid;
  }
  return null;
}

function readPid(file) {
  const pid = Number((readText(file) ?? '').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

async function waitForExit(pid, marker, ms) {
  const deadline = Date.now() + ms;
  while (isOurProcess(pid, marker)) {
    if (Date.now() > deadline) return false;
    await sleep(200);
  }
  return true;
}

/** Keep one previous generation of a log that grew past `maxBytes` (checked at each start). */
function rotateLog(file, maxBytes = 20 * 1024 * 1024) {
  try {
    if (fs.statSync(file).size > maxBytes) fs.renameSync(file, `${file}.1`);
  } catch {
    // no log yet
  }
}

/** Start a detached JVM with stdout/stderr appended to `logFile`; it outlives this script. */
function spawnDetached(args, logFile, pidFile, command = JAVA) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  rotateLog(logFile);
  fs.mkdirSync(path.dirname(pidFile), { recursive: true });
  const fd = fs.openSync(logFile, 'a');
  fs.writeSync(fd, `\n=== ${new Date().toISOString()} starting: ${command} ${args.join(' ')}\n`);
  try {
    const child = spawn(command, args, { cwd: ROOT, detached: true, stdio: ['ignore', fd, fd] });
    child.on('error', () => {}); // reported through the readiness check instead
    child.unref();
    if (!child.pid) throw new InfraError(`Could not start ${command} (see ${path.relative(ROOT, logFile)})`);
    fs.writeFileSync(pidFile, `${child.pid}\n`);
    return child.pid;
  } finally {
    fs.closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------------
// Preflight: Java, javac, Maven
// ---------------------------------------------------------------------------------------------

function javaMajor(binary) {
  const r = spawnSync(binary, ['-version'], { encoding: 'utf8' });
  if (r.error) return null;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`);
  if (!m) return 0;
  return m[1] === '1' ? Number(m[2]) : Number(m[1]); // "1.8.0" style -> 8
}

function checkJava() {
  const major = javaMajor(JAVA);
  if (major === null) {
    throw new InfraError(
      `Java not found (${JAVA}). Install a JDK ${MIN_JAVA}+ (e.g. 'apt-get install openjdk-17-jdk-headless') ` +
        'or set JAVA_HOME. Alternatively point MONGO_URL / KAFKA_BROKERS at servers you run yourself.',
    );
  }
  if (major < MIN_JAVA) {
    throw new InfraError(`Java ${MIN_JAVA}+ is required, found Java ${major} (${JAVA}). Install a newer JDK or set JAVA_HOME.`);
  }
}

// ---------------------------------------------------------------------------------------------
// Provisioning (jars from Maven Central into .local/cache), skipped when the marker matches.
// The marker stores a fingerprint of the inputs (pom, launcher source), so editing them
// re-provisions, and a download interrupted before the marker was written is redone.
// ---------------------------------------------------------------------------------------------

// Fully qualified (same version as pinned in the poms) so a fresh ~/.m2 fails with a clear
// "could not resolve/transfer" error instead of "No plugin found for prefix 'dependency'".
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

function runMaven(pom, outDir) {
  const args = ['-q', '-B', '-Dstyle.color=never', '-f', pom, `${DEPENDENCY_PLUGIN}:copy-dependencies`, `-DoutputDirectory=${outDir}`];
  const r = spawnSync('mvn', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) {
    throw new InfraError(
      "Maven ('mvn') not found; it is needed once to download the Kafka / mongo-java-server jars from Maven Central. " +
        "Install Maven 3.8+ (e.g. 'apt-get install maven').",
    );
  }
  if (r.status !== 0) {
    const out = stripAnsi(`${r.stdout}\n${r.stderr}`).trim().split('\n').slice(-25).join('\n');
    const network = /transfer|resolv|unknown ?host|connect|timed out|offline|repo\.maven|network|no plugin found/i.test(out);
    throw new InfraError(
      `Maven failed to download dependencies for ${path.relative(ROOT, pom)} (exit ${r.status}).` +
        (network ? ' It looks like Maven Central (or the mirror in ~/.m2/settings.xml) is not reachable: check network / proxy.' : '') +
        `\n--- last lines of mvn output ---\n${out}`,
    );
  }
}

function compileJava(sources, classpath, outDir) {
  const r = spawnSync(JAVAC, ['-nowarn', '-d', outDir, '-cp', classpath, ...sources], { encoding: 'utf8' });
  if (r.error) {
    throw new InfraError(`javac not found (${JAVAC}): a full JDK ${MIN_JAVA}+ is needed (a JRE is not enough), or set JAVA_HOME.`);
  }
  if (r.status !== 0) throw new InfraError(`javac failed:\n${r.stdout}${r.stderr}`);
}

/**
 * Provision one artifact set into `dir` (lib/ from Maven, optional classes/ from javac).
 * Work happens in *.partial folders that are renamed into place, then the marker is written.
 */
async function provision({ name, dir, pom, sources = [], log }) {
  const marker = path.join(dir, '.provisioned');
  const fingerprint = sha256(fs.readFileSync(pom), ...sources.map((s) => fs.readFileSync(s)));
  if (readText(marker)?.trim() === fingerprint) return;

  await withLock(`${dir}.lock`, async () => {
    if (readText(marker)?.trim() === fingerprint) return; // done by a concurrent process meanwhile
    const started = Date.now();
    log(`provisioning ${name} into ${path.relative(ROOT, dir)} (mvn dependency:copy-dependencies) ...`);
    fs.rmSync(marker, { force: true });
    fs.mkdirSync(dir, { recursive: true });

    const lib = path.join(dir, 'lib');
    const libTmp = `${lib}.partial`;
    fs.rmSync(libTmp, { recursive: true, force: true });
    runMaven(pom, libTmp);
    fs.rmSync(lib, { recursive: true, force: true });
    fs.renameSync(libTmp, lib);

    if (sources.length) {
      const classes = path.join(dir, 'classes');
      const classesTmp = `${classes}.partial`;
      fs.rmSync(classesTmp, { recursive: true, force: true });
      compileJava(sources, path.join(lib, '*'), classesTmp);
      fs.rmSync(classes, { recursive: true, force: true });
      fs.renameSync(classesTmp, classes);
    }

    fs.writeFileSync(marker, `${fingerprint}\n`);
    log(`provisioned ${name} in ${seconds(Date.now() - started)}`);
  });
}

// ---------------------------------------------------------------------------------------------
// Profile configuration
// ---------------------------------------------------------------------------------------------

/** Resolve ports, paths and external-server settings of a profile. */
export function profileConfig(profile = 'dev') {
  const defaults = PROFILES[profile];
  if (!defaults) throw new InfraError(`Unknown profile '${profile}' (expected: ${Object.keys(PROFILES).join(', ')})`);
  const dir = path.join(LOCAL, profile);
  return {
    profile,
    persistent: defaults.persistent,
    mongoHeap: defaults.mongoHeap ?? null,
    mongoJvmOpts: defaults.mongoJvmOpts ?? null,
    dir,
    lockFile: path.join(dir, 'infra.lock'),
    logs: path.join(dir, 'logs'),
    pids: path.join(dir, 'pids'),
    mongo: {
      port: envPort('INFRA_MONGO_PORT', defaults.mongoPort),
      data: path.join(dir, 'mongo-data'),
      external: process.env.MONGO_URL || null,
    },
    mailpit: {
      smtpPort: envPort('INFRA_SMTP_PORT', defaults.smtpPort),
      uiPort: envPort('INFRA_MAILPIT_UI_PORT', defaults.mailUiPort),
      data: path.join(dir, 'mailpit-data'),
      external: process.env.SMTP_URL || null,
    },
    kafka: {
      port: envPort('INFRA_KAFKA_PORT', defaults.kafkaPort),
      controllerPort: envPort('INFRA_KAFKA_CONTROLLER_PORT', defaults.controllerPort),
      data: path.join(dir, 'kafka-data'),
      configDir: path.join(dir, 'kafka'),
      external: process.env.KAFKA_BROKERS || null,
    },
  };
}

/** Put `dbName` as the database path of a MongoDB URL, keeping host list and query options. */
export function withDatabase(mongoUrl, dbName) {
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(\/[^?]*)?(\?.*)?$/.exec(mongoUrl);
  if (!m) throw new InfraError(`Not a MongoDB URL: ${mongoUrl}`);
  return `${m[1]}/${dbName}${m[3] ?? ''}`;
}

// ---------------------------------------------------------------------------------------------
// Probes: real protocol round trips through the drivers installed in node_modules
// ---------------------------------------------------------------------------------------------

async function importDriver(name) {
  try {
    const mod = await import(name);
    return mod.default ?? mod;
  } catch (err) {
    if (err.code === 'ERR_MODULE_NOT_FOUND') {
      throw new InfraError(`The '${name}' package is missing from node_modules: run 'npm ci' first.`);
    }
    throw err;
  }
}

/** The MongoDB driver: top-level `mongodb` if hoisted, else the copy bundled with mongoose. */
async function mongoDriver() {
  try {
    return await importDriver('mongodb');
  } catch (err) {
    if (!(err instanceof InfraError)) throw err;
    return (await importDriver('mongoose')).mongo;
  }
}

/** True when a MongoDB server at `url` answers `ping`. */
export async function mongoReachable(url, timeoutMs = 3000) {
  const { MongoClient } = await mongoDriver();
  const client = new MongoClient(url, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => {});
  }
}

/** True when the Kafka cluster at `brokers` ("h1:p1,h2:p2") answers a metadata request. */
export async function kafkaReachable(brokers, timeoutMs = 5000) {
  const { Kafka, logLevel } = await importDriver('kafkajs');
  const list = brokers
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const kafka = new Kafka({
    clientId: 'infra-probe',
    brokers: list,
    logLevel: logLevel.NOTHING,
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics(); // metadata round trip
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Server definitions: what differs between Kafka and Mongo. Lifecycle code below is shared.
// ---------------------------------------------------------------------------------------------

function kafkaServer(cfg) {
  const k = cfg.kafka;
  const dir = path.join(CACHE, `kafka-${KAFKA_VERSION}`);
  const url = `${HOST}:${k.port}`;
  return {
    name: 'kafka',
    label: `Kafka ${KAFKA_VERSION}`,
    external: k.external,
    envVar: 'KAFKA_BROKERS',
    url,
    ports: [
      { port: k.port, what: 'Kafka broker', env: 'INFRA_KAFKA_PORT' },
      { port: k.controllerPort, what: 'Kafka controller', env: 'INFRA_KAFKA_CONTROLLER_PORT' },
    ],
    marker: `-Dloyalty.infra=${cfg.profile}/kafka@${ROOT}`,
    pidFile: path.join(cfg.pids, 'kafka.pid'),
    outFile: path.join(cfg.logs, 'kafka.out'),
    logFiles: [path.join(cfg.logs, 'kafka.out'), path.join(cfg.logs, 'kafka-server.log')],
    detail: cfg.persistent ? `data in ${path.relative(ROOT, k.data)}` : 'wiped on each fresh start',
    provision: (log) => provision({ name: `Kafka ${KAFKA_VERSION}`, dir, pom: path.join(INFRA_SRC, 'kafka', 'pom.xml'), log }),
    prepare: () => prepareKafka(cfg, dir),
    javaArgs() {
      return [
        ...KAFKA_JVM_OPTS,
        `-Dlog4j.configuration=file:${path.join(INFRA_SRC, 'kafka', 'log4j.properties')}`,
        `-Dkafka.logs.dir=${cfg.logs}`,
        this.marker,
        '-cp',
        path.join(dir, 'lib', '*'),
        'kafka.Kafka',
        path.join(k.configDir, 'server.properties'),
      ];
    },
    probe: async () => (await portOpen(k.port)) && kafkaReachable(url, 3000),
    probeExternal: () => kafkaReachable(k.external, 5000),
  };
}

function mongoServer(cfg) {
  const m = cfg.mongo;
  const dir = path.join(CACHE, `mongo-java-server-${MONGO_JAVA_SERVER_VERSION}`);
  const url = `mongodb://${HOST}:${m.port}`;
  const h2File = path.join(m.data, 'loyalty.mv.db');
  return {
    name: 'mongo',
    label: `mongo-java-server ${MONGO_JAVA_SERVER_VERSION}`,
    external: m.external,
    envVar: 'MONGO_URL',
    url,
    ports: [{ port: m.port, what: 'MongoDB', env: 'INFRA_MONGO_PORT' }],
    marker: `-Dloyalty.infra=${cfg.profile}/mongo@${ROOT}`,
    pidFile: path.join(cfg.pids, 'mongo.pid'),
    outFile: path.join(cfg.logs, 'mongo.log'),
    logFiles: [path.join(cfg.logs, 'mongo.log')],
    detail: cfg.persistent ? `H2 file ${path.relative(ROOT, h2File)}` : 'in-memory',
    provision: (log) =>
      provision({
        name: `mongo-java-server ${MONGO_JAVA_SERVER_VERSION}`,
        dir,
        pom: path.join(INFRA_SRC, 'mongo', 'pom.xml'),
        sources: ['MongoStandIn.java', 'IdFirstBackends.java', 'SecondaryIndex.java'].map((f) => path.join(INFRA_SRC, 'mongo', 'src', f)),
        log,
      }),
    prepare: () => {
      if (cfg.persistent) fs.mkdirSync(m.data, { recursive: true });
    },
    javaArgs() {
      return [
        ...MONGO_JVM_OPTS,
        `-Xmx${mongoHeap(cfg)}`,
        ...(cfg.mongoJvmOpts ?? []),
        // extra JVM options for the stand-in, e.g. a collector or a GC log: MONGO_STANDIN_JVM_OPTS='-XX:+UseZGC -Xlog:gc:file=gc.log'
        ...(process.env.MONGO_STANDIN_JVM_OPTS ?? '').split(/\s+/).filter(Boolean),
        '-Dorg.slf4j.simpleLogger.showDateTime=true',
        '-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS',
        // one INFO line per client connect/disconnect is too chatty with connection pools
        '-Dorg.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire.MongoWireProtocolHandler=warn',
        this.marker,
        '-cp',
        [path.join(dir, 'classes'), path.join(dir, 'lib', '*')].join(path.delimiter),
        'MongoStandIn',
        HOST,
        String(m.port),
        ...(cfg.persistent ? [h2File] : []),
      ];
    },
    probe: () => mongoReachable(url, 2000),
    probeExternal: () => mongoReachable(m.external, 5000),
  };
}

/** Build Mailpit from the Go module proxy into the shared cache (once per version). */
async function provisionMailpit(dir, binary, log) {
  if (fs.existsSync(binary)) return;
  await withLock(`${dir}.lock`, async () => {
    if (fs.existsSync(binary)) return; // built by a concurrent process meanwhile
    const go = spawnSync('go', ['version'], { encoding: 'utf8' });
    if (go.error) {
      throw new InfraError(
        'Go not found: it builds Mailpit (the local SMTP server) from the Go module proxy. Install Go 1.22+ ' +
          "(e.g. 'apt-get install golang'), or point SMTP_URL at an SMTP server you run yourself.",
      );
    }
    const started = Date.now();
    log(`provisioning Mailpit ${MAILPIT_VERSION} into ${path.relative(ROOT, dir)} (go install ${MAILPIT_MODULE}@${MAILPIT_VERSION}) ...`);
    fs.mkdirSync(dir, { recursive: true });
    const r = spawnSync('go', ['install', `${MAILPIT_MODULE}@${MAILPIT_VERSION}`], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GOBIN: dir, GOFLAGS: '-buildvcs=false', CGO_ENABLED: process.env.CGO_ENABLED ?? '0' },
    });
    if (r.status !== 0 || !fs.existsSync(binary)) {
      throw new InfraError(`go install ${MAILPIT_MODULE}@${MAILPIT_VERSION} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
    }
    log(`provisioned Mailpit in ${seconds(Date.now() - started)}`);
  });
}

/** True when Mailpit's HTTP API answers. */
export async function mailpitReachable(uiUrl, timeoutMs = 2000) {
  try {
    const res = await fetch(`${uiUrl}/api/v1/info`, { signal: AbortSignal.timeout(timeoutMs) });
    return res.status === 200;
  } catch {
    return false;
  }
}

function mailpitServer(cfg) {
  const m = cfg.mailpit;
  const dir = path.join(CACHE, `mailpit-${MAILPIT_VERSION}`);
  const binary = path.join(dir, 'mailpit');
  const url = `smtp://${HOST}:${m.smtpPort}`;
  const ui = `http://${HOST}:${m.uiPort}`;
  // Mailpit's --label carries the marker that tells our process from a foreign one.
  const marker = `loyalty.infra=${cfg.profile}/mailpit@${ROOT}`;
  return {
    name: 'mailpit',
    label: `Mailpit ${MAILPIT_VERSION}`,
    needsJava: false,
    external: m.external,
    envVar: 'SMTP_URL',
    url,
    ui,
    ports: [
      { port: m.smtpPort, what: 'Mailpit SMTP', env: 'INFRA_SMTP_PORT' },
      { port: m.uiPort, what: 'Mailpit web inbox and API', env: 'INFRA_MAILPIT_UI_PORT' },
    ],
    marker,
    pidFile: path.join(cfg.pids, 'mailpit.pid'),
    outFile: path.join(cfg.logs, 'mailpit.log'),
    logFiles: [path.join(cfg.logs, 'mailpit.log')],
    detail: cfg.persistent ? `inbox kept in ${path.relative(ROOT, m.data)}, web inbox ${ui}` : `in-memory inbox, web inbox ${ui}`,
    provision: (log) => provisionMailpit(dir, binary, log),
    prepare: () => {
      if (cfg.persistent) fs.mkdirSync(m.data, { recursive: true });
    },
    command: binary,
    launchArgs() {
      return [
        '--smtp',
        `${HOST}:${m.smtpPort}`,
        '--listen',
        `${HOST}:${m.uiPort}`,
        '--label',
        marker,
        '--disable-version-check',
        '--smtp-auth-accept-any',
        '--smtp-auth-allow-insecure',
        '--max',
        '5000',
        ...(cfg.persistent ? ['--database', path.join(m.data, 'mailpit.db')] : []),
      ];
    },
    probe: async () => (await portOpen(m.smtpPort)) && mailpitReachable(ui),
    probeExternal: async () => {
      const u = new URL(m.external);
      return portOpen(Number(u.port || 25), u.hostname, 3000);
    },
  };
}

function servers(cfg, only) {
  const all = [mongoServer(cfg), kafkaServer(cfg), mailpitServer(cfg)];
  return only ? all.filter((s) => only.includes(s.name)) : all;
}

// ---------------------------------------------------------------------------------------------
// Kafka specifics: cluster id, server.properties, storage format
// ---------------------------------------------------------------------------------------------

/** Kafka-style random Uuid: 16 bytes, URL-safe base64 without padding, not starting with '-'. */
function newClusterId() {
  for (;;) {
    const id = crypto.randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** Cluster id generated once per profile and kept (also recovered from an existing meta.properties). */
function clusterId(cfg) {
  const file = path.join(cfg.kafka.configDir, 'cluster-id');
  const kept = readText(file)?.trim();
  if (kept) return kept;
  const meta = readText(path.join(cfg.kafka.data, 'meta.properties'));
  const id = /^cluster\.id=(.+)$/m.exec(meta ?? '')?.[1]?.trim() ?? newClusterId();
  fs.mkdirSync(cfg.kafka.configDir, { recursive: true });
  fs.writeFileSync(file, `${id}\n`);
  return id;
}

function serverProperties(cfg) {
  const k = cfg.kafka;
  return [
    '# Generated by scripts/infra-lib.mjs on every start; edits are overwritten.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${HOST}:${k.controllerPort}`,
    `listeners=PLAINTEXT://${HOST}:${k.port},CONTROLLER://${HOST}:${k.controllerPort}`,
    `advertised.listeners=PLAINTEXT://${HOST}:${k.port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${k.data}`,
    'num.partitions=3',
    'default.replication.factor=1',
    'min.insync.replicas=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=5', // default 50 makes the first consumer-group join slow
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=5',
    'auto.create.topics.enable=true',
    'group.initial.rebalance.delay.ms=0',
    'log.retention.hours=168',
    'log.segment.bytes=104857600',
    '',
  ].join('\n');
}

/** Write server.properties and format the storage on first run (every fresh start for test). */
function prepareKafka(cfg, dir) {
  const k = cfg.kafka;
  if (!cfg.persistent) fs.rmSync(k.data, { recursive: true, force: true });
  const id = clusterId(cfg);
  fs.mkdirSync(k.configDir, { recursive: true });
  const props = path.join(k.configDir, 'server.properties');
  fs.writeFileSync(props, serverProperties(cfg));
  if (fs.existsSync(path.join(k.data, 'meta.properties'))) return;

  fs.mkdirSync(cfg.logs, { recursive: true });
  const r = spawnSync(
    JAVA,
    [
      '-Xmx256m',
      `-Dlog4j.configuration=file:${path.join(INFRA_SRC, 'kafka', 'log4j.properties')}`,
      `-Dkafka.logs.dir=${cfg.logs}`,
      '-cp',
      path.join(dir, 'lib', '*'),
      'kafka.tools.StorageTool',
      'format',
      '--ignore-formatted',
      '-t',
      id,
      '-c',
      props,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (r.status !== 0) {
    throw new InfraError(`Kafka storage format failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Shared lifecycle
// ---------------------------------------------------------------------------------------------

/**
 * Current state of a managed server: { state: 'running', pid } or { state: 'stopped' }.
 * Cleans stale pid files; adopts our own process if its pid file went missing; throws when
 * one of its ports is held by a foreign process.
 */
async function inspect(server, log) {
  let pid = readPid(server.pidFile);
  if (pid && !isOurProcess(pid, server.marker)) {
    log(`${server.name}: removing stale pid file (pid ${pid} is gone or is not our server)`);
    fs.rmSync(server.pidFile, { force: true });
    pid = null;
  }
  if (!pid) {
    pid = findPidByMarker(server.marker);
    if (pid) {
      fs.mkdirSync(path.dirname(server.pidFile), { recursive: true });
      fs.writeFileSync(server.pidFile, `${pid}\n`); // our server, pid file was lost
    }
  }
  if (pid) return { state: 'running', pid };

  for (const { port, what, env } of server.ports) {
    if (await portOpen(port)) {
      throw new InfraError(
        `Port ${port} (${what}) on ${HOST} is already in use by a process not managed by this script. ` +
          `Stop that process, choose another port with ${env}=<port>, or use it as an external server ` +
          `(${server.envVar}=...).`,
      );
    }
  }
  return { state: 'stopped' };
}

/** Poll until the server answers a real protocol request; fail fast if the JVM died. */
async function waitReady(server, pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!isOurProcess(pid, server.marker)) {
      fs.rmSync(server.pidFile, { force: true });
      throw new InfraError(`${server.label} (pid ${pid}) exited during startup.${tailReport(server.logFiles)}`);
    }
    if (await server.probe()) return;
    if (Date.now() > deadline) {
      throw new InfraError(
        `${server.label} (pid ${pid}) did not become ready on ${server.url} within ${seconds(timeoutMs)}. ` +
          `It is left running; inspect the logs or run 'node scripts/infra.mjs down'.${tailReport(server.logFiles)}`,
      );
    }
    await sleep(300);
  }
}

async function startAndWait(server, { log, timeoutMs }) {
  const started = Date.now();
  server.prepare();
  const pid = server.command
    ? spawnDetached(server.launchArgs(), server.outFile, server.pidFile, server.command)
    : spawnDetached(server.javaArgs(), server.outFile, server.pidFile);
  log(`${server.name}: started ${server.label} (pid ${pid}) on ${server.url}, ${server.detail}; waiting until ready ...`);
  await waitReady(server, pid, timeoutMs);
  log(`${server.name}: ready in ${seconds(Date.now() - started)}`);
}

async function stop(server, log) {
  let pid = readPid(server.pidFile);
  if (!pid || !isOurProcess(pid, server.marker)) pid = findPidByMarker(server.marker);
  if (!pid) {
    fs.rmSync(server.pidFile, { force: true });
    log(`${server.name}: not running`);
    return;
  }
  const started = Date.now();
  process.kill(pid, 'SIGTERM'); // JVM shutdown hooks: Kafka controlled shutdown, H2 commit+close
  if (!(await waitForExit(pid, server.marker, STOP_GRACE_MS[server.name]))) {
    log(`${server.name}: pid ${pid} ignored SIGTERM for ${seconds(STOP_GRACE_MS[server.name])}, sending SIGKILL`);
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid, server.marker, 10_000);
  }
  fs.rmSync(server.pidFile, { force: true });
  log(`${server.name}: stopped pid ${pid} in ${seconds(Date.now() - started)}`);
}

async function allSettledOrThrow(promises) {
  const results = await Promise.allSettled(promises);
  const errors = results.filter((r) => r.status === 'rejected').map((r) => r.reason);
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new InfraError(errors.map((e) => e.message).join('\n\n'));
  return results.map((r) => r.value);
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/**
 * Make sure Mongo, Kafka and Mailpit for `profile` are up and answering; start what is missing.
 * Servers given through MONGO_URL / KAFKA_BROKERS / SMTP_URL are only checked, never started.
 * `only` limits the call to some servers (e.g. ['mailpit'] when the others are external).
 * @returns {Promise<{profile: string, mongoUrl: string, kafkaBrokers: string, smtpUrl: string,
 *   mailpitUi: string|null, env: {MONGO_URL: string, KAFKA_BROKERS: string, SMTP_URL: string}, started: string[]}>}
 *   mongoUrl has no database path (use withDatabase); kafkaBrokers is "host:port[,host:port]";
 *   mailpitUi is the web inbox and API of a managed Mailpit (null for an external SMTP server);
 *   started lists the servers this call launched ('mongo', 'kafka', 'mailpit'), empty if all were already up.
 */
export async function infraUp({ profile = 'dev', log = defaultLog, timeoutMs, only } = {}) {
  const cfg = profileConfig(profile);
  const all = servers(cfg, only);
  const [mongo, kafka, mailpit] = servers(cfg);
  const started = [];

  await withLock(cfg.lockFile, async () => {
    const managed = all.filter((s) => !s.external);
    const states = new Map();
    for (const s of managed) states.set(s, await inspect(s, log));
    const toStart = managed.filter((s) => states.get(s).state === 'stopped');

    if (toStart.length) {
      if (toStart.some((s) => s.needsJava !== false)) checkJava();
      for (const s of toStart) await s.provision(log); // sequential: one mvn / go at a time
    }

    await allSettledOrThrow(
      all.map(async (s) => {
        if (s.external) {
          if (!(await s.probeExternal())) {
            throw new InfraError(`External ${s.name} server ${s.envVar}=${s.external} is not reachable.`);
          }
          log(`${s.name}: using external server ${s.external} (reachable)`);
          return;
        }
        const st = states.get(s);
        if (st.state === 'stopped') {
          await startAndWait(s, { log, timeoutMs: timeoutMs ?? DEFAULT_TIMEOUT_MS[s.name] });
          started.push(s.name);
          return;
        }
        await waitReady(s, st.pid, timeoutMs ?? DEFAULT_TIMEOUT_MS[s.name]);
        log(`${s.name}: already running (pid ${st.pid}) on ${s.url}`);
      }),
    );
  });

  const mongoUrl = mongo.external ?? mongo.url;
  const kafkaBrokers = kafka.external ?? kafka.url;
  const smtpUrl = mailpit.external ?? mailpit.url;
  const mailpitUi = mailpit.external ? null : mailpit.ui;
  return { profile, mongoUrl, kafkaBrokers, smtpUrl, mailpitUi, env: { MONGO_URL: mongoUrl, KAFKA_BROKERS: kafkaBrokers, SMTP_URL: smtpUrl }, started };
}

/**
 * Stop one managed server of `profile` (SIGTERM, or SIGKILL with `kill`) and start it again on the
 * same data; resolves once it answers. Used by the chaos run (broker and database restarts).
 */
export async function infraRestart({ profile, server: name, kill = false, log = defaultLog, timeoutMs }) {
  const cfg = profileConfig(profile);
  const server = servers(cfg).find((s) => s.name === name);
  if (!server || server.external) throw new InfraError(`${name} is not a managed server of profile ${profile}`);
  await withLock(cfg.lockFile, async () => {
    if (kill) {
      const pid = readPid(server.pidFile) ?? findPidByMarker(server.marker);
      if (pid && isOurProcess(pid, server.marker)) {
        process.kill(pid, 'SIGKILL');
        await waitForExit(pid, server.marker, 10_000);
      }
      fs.rmSync(server.pidFile, { force: true });
    } else {
      await stop(server, log);
    }
    await startAndWait(server, { log, timeoutMs: timeoutMs ?? DEFAULT_TIMEOUT_MS[server.name] });
  });
}

/** Stop the managed servers of `profile` (or `only` some); with `purge`, also delete its data, logs and config. */
export async function infraDown({ profile = 'dev', purge = false, log = defaultLog, only } = {}) {
  const cfg = profileConfig(profile);
  await withLock(cfg.lockFile, async () => {
    await allSettledOrThrow(
      servers(cfg, only).map(async (s) => {
        if (s.external) {
          log(`${s.name}: external (${s.external}), left alone`);
          // ...but stop a managed one that was started before MONGO_URL / KAFKA_BROKERS was set
          if (readPid(s.pidFile) || findPidByMarker(s.marker)) await stop(s, log);
          return;
        }
        await stop(s, log);
      }),
    );
    if (purge) {
      for (const d of [cfg.mongo.data, cfg.kafka.data, cfg.kafka.configDir, cfg.mailpit.data, cfg.logs, cfg.pids]) {
        fs.rmSync(d, { recursive: true, force: true });
      }
      log(`purged ${path.relative(ROOT, cfg.dir)} (data, logs, config)`);
    }
  });
}

/**
 * Report each server: managed or external, pid, address, reachable.
 * @returns {Promise<{profile: string, allReachable: boolean, servers: Array<{name: string,
 *   mode: 'managed'|'external', pid: number|null, address: string, reachable: boolean}>}>}
 */
export async function infraStatus({ profile = 'dev' } = {}) {
  const cfg = profileConfig(profile);
  const list = await Promise.all(
    servers(cfg).map(async (s) => {
      if (s.external) {
        return { name: s.name, mode: 'external', pid: null, address: s.external, reachable: await s.probeExternal() };
      }
      let pid = readPid(s.pidFile);
      if (!isOurProcess(pid, s.marker)) pid = findPidByMarker(s.marker);
      const reachable = pid ? await s.probe() : false;
      let note = pid ? null : 'not running';
      if (!pid && (await portOpen(s.ports[0].port))) note = `port ${s.ports[0].port} is used by an unmanaged process`;
      return { name: s.name, mode: 'managed', pid, address: s.url, reachable, note, logFiles: s.logFiles };
    }),
  );
  return { profile, allReachable: list.every((s) => s.reachable), servers: list };
}
