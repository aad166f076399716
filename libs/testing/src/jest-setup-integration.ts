// Integration and e2e tests talk to a real broker and database: allow for their latency.
jest.setTimeout(Number(process.env.TEST_TIMEOUT_MS ?? 90000));
