import type { RfmSegment } from '@app/contracts';

/**
 * RFM scoring as pure functions. Cut points are the quintile boundaries of the members active in
 * the window (nearest rank: the k-th cut is the value at position floor(n * k / 5) of the sorted
 * values, k = 1..4). A score counts the boundaries a member strictly beats, plus one, so ties go
 * to the lower score: frequency and monetary beat a cut by being above it, recency (days since the
 * last purchase) by being below it. Scores run 1 (worst) to 5 (best).
 */
export interface RfmValues {
  recencyDays: number;
  frequency: number;
  monetaryMinor: number;
}

export interface RfmCuts {
  recency: number[];
  frequency: number[];
  monetary: number[];
}

export interface RfmScores {
  r: number;
  f: number;
  m: number;
}

export function quintileCuts(values: readonly number[]): number[] {
  if (values.length === 0) return [];
  const sorted = Float64Array.from(values).sort();
  return [1, 2, 3, 4].map((k) => sorted[Math.floor((sorted.length * k) / 5)]);
}

export function rfmCuts(members: readonly RfmValues[]): RfmCuts {
  return {
    recency: quintileCuts(members.map((m) => m.recencyDays)),
    frequency: quintileCuts(members.map((m) => m.frequency)),
    monetary: quintileCuts(members.map((m) => m.monetaryMinor)),
  };
}

function higherIsBetter(value: number, cuts: readonly number[]): number {
  let s = 1;
  for (const c of cuts) if (value > c) s++;
  return s;
}

function lowerIsBetter(value: number, cuts: readonly number[]): number {
  let s = 1;
  for (const c of cuts) if (value < c) s++;
  return s;
}

/** Null when there are no cut points yet (no recompute has run). */
export function rfmScores(v: RfmValues, cuts: RfmCuts): RfmScores | null {
  if (cuts.recency.length !== 4) return null;
  return { r: lowerIsBetter(v.recencyDays, cuts.recency), f: higherIsBetter(v.frequency, cuts.frequency), m: higherIsBetter(v.monetaryMinor, cuts.monetary) };
}

type Range = readonly [number, number];
export interface SegmentRule {
  segment: RfmSegment;
  r: Range;
  f: Range;
  m: Range;
}

const ANY: Range = [1, 5];

/**
 * The usual RFM segment map, first match wins; the last two rules catch every other (R, F, M) so
 * that every member active in the window lands in exactly one segment.
 */
export const DEFAULT_SEGMENT_RULES: readonly SegmentRule[] = [
  { segment: 'champions', r: [4, 5], f: [4, 5], m: [4, 5] },
  { segment: 'cannot_lose_them', r: [1, 1], f: [4, 5], m: [4, 5] },
  { segment: 'at_risk', r: [1, 2], f: [2, 5], m: [2, 5] },
  { segment: 'loyal', r: [2, 5], f: [3, 5], m: [3, 5] },
  { segment: 'new', r: [4, 5], f: [1, 1], m: [1, 1] },
  { segment: 'promising', r: [3, 4], f: [1, 1], m: [1, 1] },
  { segment: 'potential_loyalists', r: [3, 5], f: [1, 3], m: [1, 3] },
  { segment: 'need_attention', r: [2, 3], f: [2, 3], m: [2, 3] },
  { segment: 'about_to_sleep', r: [2, 3], f: [1, 2], m: [1, 2] },
  { segment: 'lost', r: [1, 1], f: [1, 2], m: [1, 2] },
  { segment: 'hibernating', r: [1, 2], f: ANY, m: ANY },
  { segment: 'need_attention', r: [3, 5], f: ANY, m: ANY },
];

const within = (v: number, [lo, hi]: Range) => v >= lo && v <= hi;

export function segmentOf(s: RfmScores, rules: readonly SegmentRule[] = DEFAULT_SEGMENT_RULES): RfmSegment | null {
  return rules.find((rule) => within(s.r, rule.r) && within(s.f, rule.f) && within(s.m, rule.m))?.segment ?? null;
}
