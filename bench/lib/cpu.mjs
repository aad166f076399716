// Where the time goes: CPU seconds each process used during a run (Linux /proc), so a benchmark
// can report CPU milliseconds per request by process (services, database, broker, load driver).
import fs from 'node:fs';
import { execSync } from 'node:child_process';

const TICKS = 100; // USER_HZ on Linux

function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS; // utime + stime
  } catch {
    return NaN;
  }
}

/** Pids of the embedded infrastructure (marked -Dloyalty.infra=<profile>/<server>@...), of one profile when given. */
export function infraPids(profile = '[a-z]+') {
  const out = {};
  for (const server of ['mongo', 'kafka']) {
    try {
      const pid = execSync(`pgrep -f -- '-Dloyalty.infra=${profile}/${server}@'`, { encoding: 'utf8' }).trim().split('\n')[0];
      if (pid) out[server] = Number(pid);
    } catch {
      /* external server: not measured */
    }
  }
  return out;
}

/** Snapshot CPU of named pids (plus this process as `load-driver`); returns a function giving the deltas. */
export function cpuMeter(pids) {
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid)]));
  const self = process.cpuUsage();
  return () => {
    const used = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid) - before[k]]));
    const d = process.cpuUsage(self);
    used['load-driver'] = (d.user + d.system) / 1e6;
    return used;
  };
}

/** CPU milliseconds per request, by process. */
export function perRequest(used, requests) {
  return Object.fromEntries(
    Object.entries(used)
      .filter(([, s]) => Number.isFinite(s))
      .map(([k, s]) => [k, +((s * 1000) / Math.max(1, requests)).toFixed(2)]),
  );
}
