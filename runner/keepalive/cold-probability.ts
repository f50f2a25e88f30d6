import type { RequestClass } from '../results/request-record.js';
import { medianSorted, sortAscending } from '../stats/quantile.js';
import { type BinomialInterval, clopperPearson } from './clopper-pearson.js';

/**
 * P(cold | idle time): per idle time, the share of requests that met a new instance, with its
 * exact 95% interval. Pure.
 *
 * A request counts as cold when its class is `cold` or `cold-preinit`: either way the instance
 * that served the replica before was not reused (a pre-initialised instance is still a new one).
 * `warm` requests reused it. Failed requests and requests whose class is `unknown` are no
 * samples; they are counted per point, never dropped silently.
 */

export interface KeepAliveSample {
  /** The idle time the request is a sample of: planned, or measured (idleSincePreviousMs); null when none. */
  readonly idleMs: number | null;
  readonly requestClass: RequestClass;
  readonly ok: boolean;
}

/** `exact`: one point per distinct idle time (planned idle times). `bins`: measured idle times in [edge_i, edge_i+1). */
export type IdleGrouping = { readonly kind: 'exact' } | { readonly kind: 'bins'; readonly edgesMs: readonly number[] };

export interface ColdProbabilityPoint {
  /** With `bins`: the index of the bin [edgesMs[bin], edgesMs[bin + 1]); null with `exact`. */
  readonly bin: number | null;
  /** The point's idle time: the exact value, or the median of the measured idle times in the bin. */
  readonly idleMs: number;
  /** Smallest and largest idle time among the point's requests. */
  readonly idleRangeMs: readonly [number, number];
  /** Cold + warm: the requests that are samples. */
  readonly samples: number;
  readonly cold: number;
  readonly warm: number;
  /** Requests that failed (no answer to classify). */
  readonly failed: number;
  /** Requests answered but of class `unknown`. */
  readonly unclassified: number;
  /** cold / samples; null without samples. */
  readonly pCold: number | null;
  readonly ci: BinomialInterval;
}

export interface ColdProbabilityCurve {
  /** Ascending by idle time. */
  readonly points: readonly ColdProbabilityPoint[];
  /** Requests with no idle time (a replica's first request). */
  readonly withoutIdle: number;
  /** Requests sent while the replica's previous one was still running (negative idle). */
  readonly busy: number;
  /** Requests whose idle time falls outside every bin. */
  readonly outsideBins: number;
}

/** `samples` is iterated once, so a long study's requests can be generated as they are read, not held. */
export function coldProbabilityByIdle(samples: Iterable<KeepAliveSample>, grouping: IdleGrouping): ColdProbabilityCurve {
  if (grouping.kind === 'bins') checkEdges(grouping.edgesMs);
  const groups = new Map<number, { idle: number[]; cold: number; warm: number; failed: number; unclassified: number }>();
  let withoutIdle = 0;
  let busy = 0;
  let outsideBins = 0;
  for (const sample of samples) {
    if (sample.idleMs === null) {
      withoutIdle += 1;
      continue;
    }
    if (sample.idleMs < 0) {
      busy += 1;
      continue;
    }
    const key = grouping.kind === 'exact' ? sample.idleMs : binIndex(grouping.edgesMs, sample.idleMs);
    if (key === null) {
      outsideBins += 1;
      continue;
    }
    let group = groups.get(key);
    if (group === undefined) {
      group = { idle: [], cold: 0, warm: 0, failed: 0, unclassified: 0 };
      groups.set(key, group);
    }
    group.idle.push(sample.idleMs);
    if (!sample.ok) group.failed += 1;
    else if (sample.requestClass === 'cold' || sample.requestClass === 'cold-preinit') group.cold += 1;
    else if (sample.requestClass === 'warm') group.warm += 1;
    else group.unclassified += 1;
  }
  const points = [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([key, group]): ColdProbabilityPoint => {
      const idle = sortAscending(group.idle);
      const samplesInPoint = group.cold + group.warm;
      return {
        bin: grouping.kind === 'exact' ? null : key,
        idleMs: grouping.kind === 'exact' ? key : medianSorted(idle),
        idleRangeMs: [idle[0]!, idle[idle.length - 1]!],
        samples: samplesInPoint,
        cold: group.cold,
        warm: group.warm,
        failed: group.failed,
        unclassified: group.unclassified,
        pCold: samplesInPoint === 0 ? null : group.cold / samplesInPoint,
        ci: clopperPearson(group.cold, samplesInPoint),
      };
    });
  return { points, withoutIdle, busy, outsideBins };
}

function checkEdges(edges: readonly number[]): void {
  if (edges.length < 2) throw new RangeError('idle bins need at least two edges');
  for (let i = 1; i < edges.length; i++) {
    if (!(edges[i]! > edges[i - 1]!)) throw new RangeError(`idle bin edges must increase, got ${edges[i - 1]} then ${edges[i]}`);
  }
}

/** Index of the bin [edges[i], edges[i+1]) holding `value`; null outside them all. */
function binIndex(edges: readonly number[], value: number): number | null {
  if (value < edges[0]! || value >= edges[edges.length - 1]!) return null;
  let low = 0;
  let high = edges.length - 1;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (value >= edges[middle]!) low = middle;
    else high = middle;
  }
  return low;
}
