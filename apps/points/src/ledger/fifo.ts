/**
 * First in, first out over lots, without mutating lots on every spend: everything spent so far
 * (redemptions, debit adjustments, earlier expiries) is taken from the lots in the order they
 * expire. What is left of a lot is what can still expire from it. A reversal (return) shrinks its
 * own lot instead (`net`), so it never eats other lots.
 */
export interface LotView {
  id: string;
  /** Points of the lot minus what returns reversed from it. */
  net: number;
  expiresAt: Date;
}

export interface LotRemaining {
  id: string;
  remaining: number;
  expiresAt: Date;
}

export function remainingPerLot(lots: LotView[], spentTotal: number): LotRemaining[] {
  const ordered = [...lots].sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || a.id.localeCompare(b.id));
  let budget = Math.max(0, spentTotal);
  return ordered.map((lot) => {
    const net = Math.max(0, lot.net);
    const taken = Math.min(net, budget);
    budget -= taken;
    return { id: lot.id, remaining: net - taken, expiresAt: lot.expiresAt };
  });
}

/** Points to expire now: what is left of lots whose validity ended, never more than is available. */
export function pointsToExpire(lots: LotView[], spentTotal: number, available: number, now: Date): number {
  const due = remainingPerLot(lots, spentTotal)
    .filter((l) => l.expiresAt.getTime() <= now.getTime())
    .reduce((s, l) => s + l.remaining, 0);
  return Math.max(0, Math.min(due, available));
}

/** Upcoming expiries within [now, until], grouped by instant, oldest first. */
export function upcomingExpiries(lots: LotView[], spentTotal: number, now: Date, until: Date): Array<{ points: number; expiresAt: Date }> {
  const byInstant = new Map<number, number>();
  for (const l of remainingPerLot(lots, spentTotal)) {
    const t = l.expiresAt.getTime();
    if (l.remaining <= 0 || t <= now.getTime() || t > until.getTime()) continue;
    byInstant.set(t, (byInstant.get(t) ?? 0) + l.remaining);
  }
  return [...byInstant].sort(([a], [b]) => a - b).map(([t, points]) => ({ points, expiresAt: new Date(t) }));
}
