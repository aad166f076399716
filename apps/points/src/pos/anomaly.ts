/**
 * The anomaly rule (pure): a sale far above its store's usual basket has its points held for
 * review instead of credited. "Usual" is the median of the store's recent sale totals (robust to
 * the odd large basket, unlike the mean); with too little history nothing is held.
 */
export interface AnomalyPolicy {
  /** Held when total > multiple x median; 0 disables the rule. */
  multiple: number;
  /** Fewest recent sales of the store before the rule applies. */
  minHistory: number;
}

export interface AnomalyVerdict {
  held: boolean;
  medianMinor: number | null;
  thresholdMinor: number | null;
  history: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.floor((sorted[mid - 1] + sorted[mid]) / 2);
}

export function judgeBasket(totalMinor: number, recentTotals: readonly number[], policy: AnomalyPolicy): AnomalyVerdict {
  const history = recentTotals.length;
  if (policy.multiple <= 0 || history < policy.minHistory || history === 0) return { held: false, medianMinor: null, thresholdMinor: null, history };
  const medianMinor = median(recentTotals);
  const thresholdMinor = medianMinor * policy.multiple;
  return { held: totalMinor > thresholdMinor, medianMinor, thresholdMinor, history };
}
