/** A dependency the service needs to serve traffic (database, broker, downstream service). */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface ReadinessReport {
  status: 'ready' | 'not_ready';
  checks: Record<string, { status: 'up' | 'down'; latencyMs: number; error?: string }>;
}

export async function runChecks(checks: ReadinessCheck[], timeoutMs: number): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (c) => {
      const started = Date.now();
      try {
        await withTimeout(c.check(), timeoutMs, `${c.name} did not answer within ${timeoutMs} ms`);
        return [c.name, { status: 'up' as const, latencyMs: Date.now() - started }] as const;
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        return [c.name, { status: 'down' as const, latencyMs: Date.now() - started, error }] as const;
      }
    }),
  );
  const ready = results.every(([, r]) => r.status === 'up');
  return { status: ready ? 'ready' : 'not_ready', checks: Object.fromEntries(results) };
}

export function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
