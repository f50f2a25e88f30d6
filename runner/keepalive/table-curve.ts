import type { ResolvedKeepAliveIdle, ResolvedKeepAliveStudy } from '../../experiments/schema/index.js';
import { classOfCode, type LatencyTable } from '../results/latency-table.js';
import { type ColdProbabilityPoint, coldProbabilityByIdle, type KeepAliveSample } from './cold-probability.js';
import { estimateKeepAlive, type KeepAliveEstimate } from './keep-alive-estimate.js';

/**
 * The keep-alive curve of a run, from its latency table (columns, not records) and the study its
 * experiment.resolved.json records. Pure.
 *
 * A sample is a request whose replica (sub-experiment and endpoint) had a previous request that
 * ended, successfully, before this one left: its idle time is measured from that end to this
 * dispatch, on the client's monotonic clock. Not samples, each counted apart:
 * - a replica's first request: it only starts the idle clock (whatever readiness polling or a
 *   resumed run's platform did before it, nothing measured precedes it);
 * - a request sent while the replica's previous one was still running (negative idle);
 * - a request after a failed one: a timeout's end is when the client gave up, not when the
 *   instance went idle, and whether an instance survived the failure is unknown;
 * - a request whose idle spans a resume (`--resume`): the runner was not there to keep time, and
 *   a local run's platform was replaced.
 *
 * Each sample counts for the planned idle time nearest its measured one: bins split halfway between
 * consecutive planned idle times, the first from 0 and the last open-ended, so schedule lag or a
 * slow previous answer can move a sample to the idle time it really had, never mislabel it. A point
 * sits at the median measured idle of its samples; the estimate interpolates between points.
 */

export interface KeepAliveIdleRow {
  /** The planned idle time and the sub-experiment that samples it. */
  readonly idle: ResolvedKeepAliveIdle;
  /** Measured idle times in [from, to) count for this idle time; `to` is Infinity for the longest. */
  readonly binMs: readonly [number, number];
  /** null when no request fell in the bin. */
  readonly point: ColdProbabilityPoint | null;
}

export interface KeepAliveNotSamples {
  readonly firstOfReplica: number;
  readonly busy: number;
  readonly afterFailure: number;
  readonly acrossResume: number;
}

export interface KeepAliveCurve {
  /** One per planned idle time, ascending. */
  readonly rows: readonly KeepAliveIdleRow[];
  readonly notSamples: KeepAliveNotSamples;
  readonly estimate: KeepAliveEstimate;
}

export interface KeepAliveCurveOptions {
  /** Offsets on the run's timeline at which a resumed run started sending again. */
  readonly resumedAtMs?: readonly number[];
}

/** Bin edges for planned idle times: 0, the midpoints between consecutive ones, Infinity. */
export function idleBinEdges(idleTimesMs: readonly number[]): number[] {
  const sorted = [...idleTimesMs].sort((a, b) => a - b);
  if (sorted.length === 0) throw new RangeError('a keep-alive curve needs at least one idle time');
  const inner = sorted.slice(1).map((idleMs, i) => (sorted[i]! + idleMs) / 2);
  return [0, ...inner, Number.POSITIVE_INFINITY];
}

export function keepAliveCurve(table: LatencyTable, study: ResolvedKeepAliveStudy, options: KeepAliveCurveOptions = {}): KeepAliveCurve {
  const planned = [...study.idleTimes].sort((a, b) => a.idleMs - b.idleMs);
  const edgesMs = idleBinEdges(planned.map((idle) => idle.idleMs));
  const studySubs = new Set(planned.map((idle) => idle.subExperimentIndex));
  // Per table sub-experiment code: its index in the file, or -1 when the study does not sample it.
  const subIndexOfCode = table.subExperiments.map((sub) => (studySubs.has(sub.index) ? sub.index : -1));
  const resumedAtMs = [...(options.resumedAtMs ?? [])];

  const order = replicaOrder(table, subIndexOfCode);
  const counts = { afterFailure: 0, acrossResume: 0 };
  function* samples(): Generator<KeepAliveSample> {
    let previous = -1;
    for (let i = 0; i < order.length; i += 1) {
      const row = order[i]!;
      const sameReplica = previous >= 0 && table.subCode[previous] === table.subCode[row] && table.endpointIndex[previous] === table.endpointIndex[row];
      const sample = { requestClass: classOfCode(table.classCode[row]!), ok: table.ok[row] === 1 };
      if (!sameReplica) {
        yield { ...sample, idleMs: null };
      } else if (table.ok[previous] !== 1) {
        counts.afterFailure += 1;
      } else if (resumedAtMs.some((at) => table.endMs[previous]! < at && at <= table.dispatchedMs[row]!)) {
        counts.acrossResume += 1;
      } else {
        yield { ...sample, idleMs: table.dispatchedMs[row]! - table.endMs[previous]! };
      }
      previous = row;
    }
  }
  const curve = coldProbabilityByIdle(samples(), { kind: 'bins', edgesMs });
  const rows = planned.map((idle, bin): KeepAliveIdleRow => ({
    idle,
    binMs: [edgesMs[bin]!, edgesMs[bin + 1]!],
    point: curve.points.find((point) => point.bin === bin) ?? null,
  }));
  return {
    rows,
    notSamples: { firstOfReplica: curve.withoutIdle, busy: curve.busy, afterFailure: counts.afterFailure, acrossResume: counts.acrossResume },
    estimate: estimateKeepAlive(curve.points),
  };
}

/** Rows of the study's sub-experiments, by replica (sub-experiment, endpoint), then dispatch time, then file order. */
function replicaOrder(table: LatencyTable, subIndexOfCode: readonly number[]): Uint32Array {
  let count = 0;
  for (let row = 0; row < table.rows; row += 1) if (subIndexOfCode[table.subCode[row]!]! >= 0) count += 1;
  const order = new Uint32Array(count);
  let next = 0;
  for (let row = 0; row < table.rows; row += 1) if (subIndexOfCode[table.subCode[row]!]! >= 0) order[next++] = row;
  return order.sort(
    (a, b) =>
      subIndexOfCode[table.subCode[a]!]! - subIndexOfCode[table.subCode[b]!]! ||
      table.endpointIndex[a]! - table.endpointIndex[b]! ||
      table.dispatchedMs[a]! - table.dispatchedMs[b]! ||
      a - b,
  );
}
