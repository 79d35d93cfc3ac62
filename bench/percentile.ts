/** The nearest-rank percentile (p in 0–100) of `values`; NaN for none, so a missing figure shows. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Rounds a figure for the report: whole numbers stay whole, others keep two decimals. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
