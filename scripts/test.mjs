#!/usr/bin/env node
// `npm test`: install what is missing, provide a real broker and database (see test-infra.mjs),
// type-check, lint, check formatting (prettier), then run unit, integration and e2e tests with jest, and print one summary line.
//   npm test                      everything
//   npm test -- --keep-infra      leave the embedded test servers running afterwards (faster reruns)
//   npm test -- <jest args>       e.g. a path filter or --selectProjects unit
import fs from 'node:fs';
import path from 'node:path';
import { ensureDependencies, ROOT, run, say } from './lib-common.mjs';

const args = process.argv.slice(2);
const keep = args.includes('--keep-infra');
const jestArgs = args.filter((a) => a !== '--keep-infra');
const onlyUnit = jestArgs.includes('unit') && jestArgs.includes('--selectProjects');

async function main() {
  const started = Date.now();
  ensureDependencies();
  process.env.TZ = 'UTC';

  say('type-checking (tsc --noEmit)...');
  if ((await run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'])) !== 0) {
    say('type errors: fix them first');
    return 1;
  }

  say('type-checking the console (tsc -p apps/console)...');
  if ((await run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'apps/console/tsconfig.json'])) !== 0) {
    say('type errors in the console: fix them first');
    return 1;
  }

  say('linting (eslint, type-aware rules)...');
  if ((await run(process.execPath, [path.join(ROOT, 'node_modules/eslint/bin/eslint.js'), '.'])) !== 0) {
    say('lint errors: fix them first');
    return 1;
  }

  say('checking the layout (prettier: line length and formatting)...');
  if ((await run(process.execPath, [path.join(ROOT, 'node_modules/prettier/bin/prettier.cjs'), '--check', '--log-level', 'warn', '.'])) !== 0) {
    say('files not formatted: run `npm run format`');
    return 1;
  }

  // The browser journeys (test/e2e/console.e2e-spec.ts) need the built console and Chromium.
  if (!onlyUnit) {
    const { buildConsole } = await import('./console-build.mjs');
    await buildConsole();
    const { ensureBrowser } = await import('./browser.mjs');
    ensureBrowser();
  }

  const { provideTestInfra } = await import('./test-infra.mjs');
  const infra = onlyUnit ? null : await provideTestInfra({ keep });
  const resultsFile = path.join(ROOT, '.local', 'jest-results.json');
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.rmSync(resultsFile, { force: true });
  let code = 1;
  try {
    const env = { ...process.env, NODE_ENV: 'test', KAFKAJS_NO_PARTITIONER_WARNING: '1' };
    if (infra)
      Object.assign(env, {
        TEST_MONGO_URL: infra.mongoUrl,
        TEST_KAFKA_BROKERS: infra.kafkaBrokers,
        TEST_SMTP_URL: infra.smtpUrl,
        TEST_MAILPIT_API: infra.mailpitApi,
      });
    code = await run(
      process.execPath,
      [path.join(ROOT, 'node_modules/jest/bin/jest.js'), '--runInBand', '--json', `--outputFile=${resultsFile}`, ...jestArgs],
      { env },
    );
  } finally {
    await infra?.stop();
  }
  printSummary(resultsFile, started);
  return code;
}

/** One plain line CI can read: "Tests: N passed, N failed, N skipped". */
function printSummary(file, started) {
  if (!fs.existsSync(file)) {
    say('jest wrote no results');
    return;
  }
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  say(`finished in ${Math.round((Date.now() - started) / 1000)} s (${r.numTotalTestSuites} suites)`);
  process.stdout.write(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped\n`);
}

main().then(
  (code) => process.exit(code),
  (err) => {
    say(`npm test failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
