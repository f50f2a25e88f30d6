import type { RequestRecord } from '../../../runner/results/request-record.js';
import { medianSorted, sortAscending } from './quantile.js';
import type { Outcome } from '../../../runner/report/chart-style.js';

/**
 * The timeline's data: one point per burst and outcome (cold, warm, unknown, or error), at the
 * burst's first dispatch, with the median latency and the min–max range of its requests. A burst of
 * one request is just that request; a burst of 500 stays one point plus a bar, so a 1000-burst study
 * draws thousands of marks, not hundreds of thousands. Failed requests are grouped as `error` with
 * their time to failure.
 */

export interface BurstPoint {
  readonly subExperimentIndex: number;
  readonly burstId: number;
  readonly outcome: Outcome;
  /** Seconds from the run's origin to the group's first dispatch. */
  readonly dispatchedS: number;
  readonly requests: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

export function burstPoints(records: readonly RequestRecord[]): BurstPoint[] {
  const groups = new Map<string, RequestRecord[]>();
  for (const record of records) {
    const key = `${record.subExperimentIndex}\u0000${record.burstId}\u0000${outcomeOf(record)}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [record]);
    else group.push(record);
  }
  const points: BurstPoint[] = [];
  for (const group of groups.values()) {
    const first = group[0] as RequestRecord;
    const latencies = sortAscending(group.map((r) => r.latencyMs));
    points.push({
      subExperimentIndex: first.subExperimentIndex,
      burstId: first.burstId,
      outcome: outcomeOf(first),
      dispatchedS: group.reduce((earliest, r) => Math.min(earliest, r.dispatchedMs), Infinity) / 1000,
      requests: group.length,
      medianMs: medianSorted(latencies),
      minMs: latencies[0] as number,
      maxMs: latencies[latencies.length - 1] as number,
    });
  }
  return points.sort((a, b) => a.subExperimentIndex - b.subExperimentIndex || a.dispatchedS - b.dispatchedS || a.burstId - b.burstId);
}

export function outcomeOf(record: Pick<RequestRecord, 'ok' | 'requestClass'>): Outcome {
  return record.ok ? record.requestClass : 'error';
}
