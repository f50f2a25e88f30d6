import { standardNormalCdf } from '../../stats/normal.js';

/**
 * The Mann–Whitney U test (Wilcoxon rank-sum), two-sided: did the latency distribution shift
 * between two runs? It compares ranks, not values, so it needs no normality and one enormous
 * timeout cannot dominate it — what latency data, heavy-tailed and skewed, needs. Exact null
 * distribution for small samples without ties; otherwise the normal approximation with tie and
 * continuity corrections.
 */
export interface MannWhitneyResult {
  /** U of the first sample: how often one of its values exceeds one of the second's (ties count ½). */
  readonly u: number;
  readonly pValue: number;
  readonly method: 'exact' | 'normal';
  /** P(X > Y) + ½ P(X = Y) for X from the first sample, Y from the second: 0.5 when nothing moved. */
  readonly probabilityGreater: number;
}

/** Both samples at most this large and no ties: the exact distribution (counting is n₁·n₂·(n₁+n₂) steps). */
export const EXACT_MAX_N = 30;

export function mannWhitney(first: readonly number[], second: readonly number[]): MannWhitneyResult | null {
  const n1 = first.length;
  const n2 = second.length;
  if (n1 === 0 || n2 === 0) return null;
  const all = [...first.map((value) => ({ value, group: 0 })), ...second.map((value) => ({ value, group: 1 }))].sort((a, b) => a.value - b.value);
  const n = n1 + n2;
  let rankSum1 = 0;
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && (all[j + 1] as { value: number }).value === (all[i] as { value: number }).value) j += 1;
    const midRank = (i + j + 2) / 2;
    const t = j - i + 1;
    if (t > 1) tieTerm += t ** 3 - t;
    for (let k = i; k <= j; k++) if ((all[k] as { group: number }).group === 0) rankSum1 += midRank;
    i = j + 1;
  }
  const u = rankSum1 - (n1 * (n1 + 1)) / 2;
  const probabilityGreater = u / (n1 * n2);
  if (tieTerm === 0 && n1 <= EXACT_MAX_N && n2 <= EXACT_MAX_N) {
    return { u, pValue: exactTwoSided(n1, n2, u), method: 'exact', probabilityGreater };
  }
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return { u, pValue: 1, method: 'normal', probabilityGreater };
  const distance = Math.max(0, Math.abs(u - mean) - 0.5);
  const z = distance / Math.sqrt(variance);
  return { u, pValue: Math.min(1, 2 * (1 - standardNormalCdf(z))), method: 'normal', probabilityGreater };
}

/** 2·min(P(U ≤ u), P(U ≥ u)) under H0, from the counts of arrangements (Mann and Whitney's recursion). */
function exactTwoSided(n1: number, n2: number, u: number): number {
  const max = n1 * n2;
  // counts[m][k]: arrangements of m values of the first sample among those of the second with U = k,
  // built up over the second sample's size.
  // With no second-sample values there is one arrangement, and U = 0.
  let previous: Float64Array[] = Array.from({ length: n1 + 1 }, () => {
    const row = new Float64Array(max + 1);
    row[0] = 1;
    return row;
  });
  for (let b = 1; b <= n2; b++) {
    const current: Float64Array[] = [new Float64Array(max + 1)];
    (current[0] as Float64Array)[0] = 1;
    for (let m = 1; m <= n1; m++) {
      const row = new Float64Array(max + 1);
      const withLargestFromFirst = current[m - 1] as Float64Array;
      const withLargestFromSecond = previous[m] as Float64Array;
      for (let k = 0; k <= max; k++) {
        // The largest value is the first sample's (it beats all b second-sample values) or the second's.
        row[k] = (k - b >= 0 ? (withLargestFromFirst[k - b] as number) : 0) + (withLargestFromSecond[k] as number);
      }
      current.push(row);
    }
    previous = current;
  }
  const counts = previous[n1] as Float64Array;
  let total = 0;
  let atMost = 0;
  let atLeast = 0;
  for (let k = 0; k <= max; k++) {
    const c = counts[k] as number;
    total += c;
    if (k <= u) atMost += c;
    if (k >= u) atLeast += c;
  }
  return Math.min(1, (2 * Math.min(atMost, atLeast)) / total);
}
