import { RFM_SEGMENTS } from '@app/contracts';
import { DEFAULT_SEGMENT_RULES, quintileCuts, rfmCuts, rfmScores, segmentOf, type RfmValues } from './rfm';

const values = (n: number, f: (i: number) => RfmValues) => Array.from({ length: n }, (_, i) => f(i));

describe('quintileCuts', () => {
  it('takes the nearest-rank 20/40/60/80 % values', () => {
    expect(quintileCuts([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([3, 5, 7, 9]);
    expect(quintileCuts([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual([3, 5, 7, 9]);
    expect(quintileCuts([])).toEqual([]);
  });
});

describe('rfmScores', () => {
  const members = values(100, (i) => ({ recencyDays: i, frequency: i + 1, monetaryMinor: (i + 1) * 100 }));
  const cuts = rfmCuts(members);

  it('splits distinct values into five equal groups, recent/frequent/big spenders scoring 5', () => {
    const counts = { r: [0, 0, 0, 0, 0, 0], f: [0, 0, 0, 0, 0, 0], m: [0, 0, 0, 0, 0, 0] };
    for (const v of members) {
      const s = rfmScores(v, cuts)!;
      counts.r[s.r]++;
      counts.f[s.f]++;
      counts.m[s.m]++;
    }
    expect(counts).toEqual({ r: [0, 20, 20, 20, 20, 20], f: [0, 21, 20, 20, 20, 19], m: [0, 21, 20, 20, 20, 19] });
    expect(rfmScores({ recencyDays: 0, frequency: 100, monetaryMinor: 1_000_000 }, cuts)).toEqual({ r: 5, f: 5, m: 5 });
    expect(rfmScores({ recencyDays: 1000, frequency: 1, monetaryMinor: 0 }, cuts)).toEqual({ r: 1, f: 1, m: 1 });
  });

  it('gives ties the lower score: many one-time buyers all score F = 1', () => {
    const skewed = values(10, (i) => ({ recencyDays: i, frequency: i < 7 ? 1 : i, monetaryMinor: 100 }));
    const c = rfmCuts(skewed);
    expect(rfmScores(skewed[0], c)!.f).toBe(1);
    expect(rfmScores(skewed[9], c)!.f).toBeGreaterThan(1);
  });

  it('is null before any cut points exist', () => {
    expect(rfmScores({ recencyDays: 1, frequency: 1, monetaryMinor: 1 }, { recency: [], frequency: [], monetary: [] })).toBeNull();
  });
});

describe('segmentOf', () => {
  it('places every (R, F, M) in exactly one named segment with the default map', () => {
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++)
        for (let m = 1; m <= 5; m++) {
          const s = segmentOf({ r, f, m });
          expect(RFM_SEGMENTS).toContain(s);
          seen.add(s!);
        }
    expect([...seen].sort()).toEqual([...RFM_SEGMENTS].sort());
  });

  it('names the usual cases', () => {
    expect(segmentOf({ r: 5, f: 5, m: 5 })).toBe('champions');
    expect(segmentOf({ r: 1, f: 5, m: 5 })).toBe('cannot_lose_them');
    expect(segmentOf({ r: 2, f: 4, m: 4 })).toBe('at_risk');
    expect(segmentOf({ r: 3, f: 4, m: 4 })).toBe('loyal');
    expect(segmentOf({ r: 5, f: 1, m: 1 })).toBe('new');
    expect(segmentOf({ r: 3, f: 1, m: 1 })).toBe('promising');
    expect(segmentOf({ r: 4, f: 2, m: 2 })).toBe('potential_loyalists');
    expect(segmentOf({ r: 1, f: 1, m: 1 })).toBe('lost');
    expect(segmentOf({ r: 2, f: 1, m: 1 })).toBe('about_to_sleep');
  });

  it('follows a configured map', () => {
    expect(segmentOf({ r: 5, f: 5, m: 5 }, [{ segment: 'loyal', r: [1, 5], f: [1, 5], m: [1, 5] }])).toBe('loyal');
    expect(segmentOf({ r: 5, f: 5, m: 5 }, DEFAULT_SEGMENT_RULES.slice(1, 2))).toBeNull();
  });
});
