import { PeriodicPass } from './periodic-pass';

describe('PeriodicPass', () => {
  it('joins a pass in progress instead of starting a second one', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const pass = new PeriodicPass(
      async () => {
        calls += 1;
        await new Promise<void>((r) => (release = r));
        return calls;
      },
      () => undefined,
    );
    const a = pass.run();
    const b = pass.run();
    release();
    expect(await a).toBe(1);
    expect(await b).toBe(1);
    expect(calls).toBe(1);
    const c = pass.run(); // the previous one finished: a new pass
    release();
    expect(await c).toBe(2);
  });

  it('runs on its timer, reports failures, and stop waits for the pass in progress', async () => {
    jest.useFakeTimers();
    try {
      const errors: unknown[] = [];
      let calls = 0;
      const pass = new PeriodicPass(
        () => {
          calls += 1;
          return calls === 2 ? Promise.reject(new Error('boom')) : Promise.resolve(calls);
        },
        (err) => errors.push(err),
      );
      pass.start(1000);
      await jest.advanceTimersByTimeAsync(3000);
      expect(calls).toBe(3);
      expect(errors).toHaveLength(1);
      await pass.stop();
      await jest.advanceTimersByTimeAsync(3000);
      expect(calls).toBe(3);
    } finally {
      jest.useRealTimers();
    }
  });

  it('leaves the timer off for an interval of 0', async () => {
    jest.useFakeTimers();
    try {
      let calls = 0;
      const pass = new PeriodicPass(
        () => Promise.resolve((calls += 1)),
        () => undefined,
      );
      pass.start(0);
      await jest.advanceTimersByTimeAsync(10_000);
      expect(calls).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
