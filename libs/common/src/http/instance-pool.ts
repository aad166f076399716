import { Logger } from '@nestjs/common';

/** Comma-separated base URLs of one service's instances (`http://a:3001,http://b:3001`). */
export function parseInstanceUrls(value: string): string[] {
  return value
    .split(',')
    .map((u) => u.trim().replace(/\/+$/, ''))
    .filter((u) => u.length > 0);
}

/** Accepts one URL or a comma-separated list of http(s) base URLs (env validation). */
export const INSTANCE_URLS_PATTERN = /^https?:\/\/[^\s,]+(\s*,\s*https?:\/\/[^\s,]+)*$/;

export interface InstancePoolOptions {
  /** How often each instance's /health/ready is asked (0: never; every instance stays in). */
  probeIntervalMs: number;
  probeTimeoutMs: number;
  /** Asks one instance whether it is ready (default: GET <url>/health/ready answers 200). */
  probe?: (url: string, timeoutMs: number) => Promise<boolean>;
}

interface Instance {
  url: string;
  ready: boolean;
}

async function readyProbe(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * The instances of one service, spread round-robin. An instance leaves the rotation when its
 * readiness probe fails or a call to it cannot connect (`markDown`), and comes back when its probe
 * answers 200 again. When no instance is ready, calls still go round all of them (the caller's
 * error handling answers; better than refusing when the probes themselves are at fault).
 * With a single URL nothing is probed: behaviour is that of a plain base URL.
 */
export class InstancePool {
  private readonly logger = new Logger(InstancePool.name);
  private readonly instances: Instance[];
  private next = 0;
  private timer: NodeJS.Timeout | null = null;
  private probing = false;

  constructor(
    readonly service: string,
    urls: string[],
    private readonly options: InstancePoolOptions,
  ) {
    if (urls.length === 0) throw new Error(`no instance URL for ${service}`);
    this.instances = urls.map((url) => ({ url, ready: true }));
  }

  get urls(): string[] {
    return this.instances.map((i) => i.url);
  }

  /** The next ready instance, round-robin (any instance when none is ready). */
  pick(exclude: ReadonlySet<string> = new Set()): string | undefined {
    const candidates = this.instances.filter((i) => !exclude.has(i.url));
    if (candidates.length === 0) return undefined;
    const ready = candidates.filter((i) => i.ready);
    const from = ready.length > 0 ? ready : candidates;
    const chosen = from[this.next % from.length];
    this.next = (this.next + 1) % 1_000_000;
    return chosen.url;
  }

  /** A call could not reach this instance: out of the rotation until its probe succeeds. */
  markDown(url: string): void {
    const instance = this.instances.find((i) => i.url === url);
    if (instance?.ready) {
      instance.ready = false;
      this.logger.warn({ msg: 'instance out of rotation', downstream: this.service, url });
    }
  }

  states(): Array<{ url: string; ready: boolean }> {
    return this.instances.map((i) => ({ ...i }));
  }

  /** Probe every instance now (also what the timer runs). */
  async probeAll(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      const probe = this.options.probe ?? readyProbe;
      await Promise.all(
        this.instances.map(async (i) => {
          const ready = await probe(i.url, this.options.probeTimeoutMs);
          if (ready !== i.ready)
            this.logger.warn({ msg: ready ? 'instance back in rotation' : 'instance out of rotation', downstream: this.service, url: i.url });
          i.ready = ready;
        }),
      );
    } finally {
      this.probing = false;
    }
  }

  start(): void {
    if (this.instances.length < 2 || this.options.probeIntervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.probeAll(), this.options.probeIntervalMs);
    this.timer.unref();
    void this.probeAll();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
