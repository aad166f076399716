import { pointsToExpire, remainingPerLot, upcomingExpiries, type LotView } from './fifo';

const lot = (id: string, net: number, expiresAt: string): LotView => ({ id, net, expiresAt: new Date(expiresAt) });

describe('first in, first out over lots', () => {
  const lots = [lot('b', 50, '2026-06-01T00:00:00Z'), lot('a', 100, '2026-03-01T00:00:00Z'), lot('c', 30, '2026-09-01T00:00:00Z')];

  it('spending consumes the lot that expires first', () => {
    expect(remainingPerLot(lots, 120).map((l) => [l.id, l.remaining])).toEqual([
      ['a', 0],
      ['b', 30],
      ['c', 30],
    ]);
  });

  it('expires what is left of due lots, never more than available', () => {
    expect(pointsToExpire(lots, 40, 140, new Date('2026-03-01T00:00:00Z'))).toBe(60);
    expect(pointsToExpire(lots, 40, 20, new Date('2026-03-01T00:00:00Z'))).toBe(20);
    expect(pointsToExpire(lots, 150, 30, new Date('2026-06-02T00:00:00Z'))).toBe(0);
    expect(pointsToExpire(lots, 0, 180, new Date('2026-02-28T00:00:00Z'))).toBe(0);
  });

  it('earlier expiries count as spent, so nothing expires twice', () => {
    const afterFirst = pointsToExpire(lots, 40 + 60, 80, new Date('2026-03-02T00:00:00Z'));
    expect(afterFirst).toBe(0);
  });

  it('a reversed lot shrinks itself, not the others', () => {
    const reversed = [lot('a', 0, '2026-03-01T00:00:00Z'), lot('b', 100, '2026-06-01T00:00:00Z')];
    // 100 spent from a, then a was returned: the debt (negative balance) has already eaten b
    expect(remainingPerLot(reversed, 100).map((l) => l.remaining)).toEqual([0, 0]);
  });

  it('lists upcoming expiries within the window, grouped, oldest first', () => {
    expect(upcomingExpiries(lots, 120, new Date('2026-02-01T00:00:00Z'), new Date('2026-07-01T00:00:00Z'))).toEqual([
      { points: 30, expiresAt: new Date('2026-06-01T00:00:00Z') },
    ]);
    expect(upcomingExpiries(lots, 0, new Date('2026-02-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z')).map((e) => e.points)).toEqual([100, 50, 30]);
  });
});
