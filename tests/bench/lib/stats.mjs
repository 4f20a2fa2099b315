// Small statistics over one figure's runs.
export function quantile(sorted, q) {
  if (!sorted.length) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** {n, median, min, max, p25, p75, mean} of the finite numbers in xs (null when there are none). */
export function summarize(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  return {
    n: v.length,
    median: quantile(v, 0.5),
    min: v[0],
    max: v[v.length - 1],
    p25: quantile(v, 0.25),
    p75: quantile(v, 0.75),
    p95: quantile(v, 0.95),
    mean: v.reduce((a, b) => a + b, 0) / v.length,
  };
}

/** Manyi / SurveyJS of the medians (null when either is missing or the denominator is 0). */
export function ratio(a, b) {
  if (!a || !b || !b.median) return null;
  return a.median / b.median;
}
