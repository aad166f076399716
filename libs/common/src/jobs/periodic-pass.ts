/**
 * A pass of work run every `intervalMs` and on demand (a job endpoint, a test). A pass already
 * running is joined, never doubled; `stop` ends the timer and waits for the pass in progress.
 * For workers whose pass is an idempotent sweep over the database (several instances converge).
 */
export class PeriodicPass<T> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<T> | null = null;

  constructor(
    private readonly pass: () => Promise<T>,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Run on a timer; 0 or less leaves the timer off (passes then run only when asked). */
  start(intervalMs: number): void {
    if (intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.run().catch(this.onError), intervalMs);
    this.timer.unref();
  }

  run(): Promise<T> {
    if (this.running) return this.running;
    this.running = this.pass().finally(() => (this.running = null));
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}
