import { type LatencySummary, summarize } from '../stats/index.js';
import type { TransferRow } from './transfer-row.js';

/**
 * Statistics of transfer_ms per sub-experiment, hop, transfer mode, payload size and receiver
 * class (plus `all` classes), over the transfers that succeeded; failed ones are counted. Pure:
 * rows in, rows out. Also the medians of the single-clock parts (put, get, hand-off round trip)
 * and of the cross-clock figure, each labelled with its clocks in the column name.
 */

export interface TransferStatisticsRow {
  readonly subExperiment: string;
  readonly subExperimentIndex: number;
  readonly hop: number;
  readonly transfer: 'inline' | 'storage';
  readonly payloadBytes: number;
  /** The receiver's class, or `all`. */
  readonly class: string;
  readonly transferMs: LatencySummary;
  /** payload · 8 / median transfer_ms / 1000. */
  readonly bandwidthAtMedianMbps: number | null;
  readonly putMedianMs: number | null;
  readonly getMedianMs: number | null;
  readonly handoffRttMedianMs: number | null;
  /** Crosses two clocks: carries the offset between sender and receiver. */
  readonly crossClockMedianMs: number | null;
  readonly errorCounts: Readonly<Record<string, number>>;
}

interface Group {
  readonly key: Omit<TransferStatisticsRow, 'transferMs' | 'bandwidthAtMedianMbps' | 'putMedianMs' | 'getMedianMs' | 'handoffRttMedianMs' | 'crossClockMedianMs' | 'errorCounts'>;
  readonly transfer: number[];
  readonly put: number[];
  readonly get: number[];
  readonly handoff: number[];
  readonly cross: number[];
  readonly errorCounts: Record<string, number>;
}

/** Collects rows one at a time (the file is streamed), then summarises. */
export class TransferStatistics {
  private readonly groups = new Map<string, Group>();

  add(row: TransferRow): void {
    for (const cls of ['all', row.receiverClass]) {
      const id = JSON.stringify([row.subExperimentIndex, row.hop, row.transfer, row.payloadBytes, cls]);
      let group = this.groups.get(id);
      if (group === undefined) {
        group = {
          key: { subExperiment: row.subExperiment, subExperimentIndex: row.subExperimentIndex, hop: row.hop, transfer: row.transfer, payloadBytes: row.payloadBytes, class: cls },
          transfer: [],
          put: [],
          get: [],
          handoff: [],
          cross: [],
          errorCounts: {},
        };
        this.groups.set(id, group);
      }
      if (row.ok && row.transferMs !== null) {
        group.transfer.push(row.transferMs);
        if (row.putMs !== null) group.put.push(row.putMs);
        if (row.getMs !== null) group.get.push(row.getMs);
        if (row.handoffRttMs !== null) group.handoff.push(row.handoffRttMs);
        if (row.transferCrossClockMs !== null) group.cross.push(row.transferCrossClockMs);
      } else {
        const code = row.errorCode ?? 'UNKNOWN';
        group.errorCounts[code] = (group.errorCounts[code] ?? 0) + 1;
      }
    }
  }

  rows(): TransferStatisticsRow[] {
    const order = ['all', 'cold', 'cold-preinit', 'warm', 'unknown'];
    return [...this.groups.values()]
      .sort((a, b) =>
        a.key.subExperimentIndex - b.key.subExperimentIndex || a.key.hop - b.key.hop || order.indexOf(a.key.class) - order.indexOf(b.key.class),
      )
      .map((group) => {
        const errors = Object.values(group.errorCounts).reduce((sum, n) => sum + n, 0);
        const transferMs = summarize(group.transfer, errors);
        return {
          ...group.key,
          transferMs,
          bandwidthAtMedianMbps: transferMs.p50Ms === null || transferMs.p50Ms <= 0 ? null : (group.key.payloadBytes * 8) / transferMs.p50Ms / 1000,
          putMedianMs: median(group.put),
          getMedianMs: median(group.get),
          handoffRttMedianMs: median(group.handoff),
          crossClockMedianMs: median(group.cross),
          errorCounts: group.errorCounts,
        };
      });
  }
}

function median(values: readonly number[]): number | null {
  return values.length === 0 ? null : summarize(values, 0).p50Ms;
}

/** transfer-statistics.csv's columns: `[header, value of a row]`. */
export const TRANSFER_STATISTICS_COLUMNS: readonly (readonly [string, (row: TransferStatisticsRow) => string | number | null])[] = [
  ['sub_experiment', (r) => r.subExperiment],
  ['sub_experiment_index', (r) => r.subExperimentIndex],
  ['hop', (r) => r.hop],
  ['transfer', (r) => r.transfer],
  ['payload_bytes', (r) => r.payloadBytes],
  ['receiver_class', (r) => r.class],
  ['count', (r) => r.transferMs.count],
  ['errors', (r) => r.transferMs.errors],
  ['transfer_min_ms', (r) => r.transferMs.minMs],
  ['transfer_mean_ms', (r) => r.transferMs.meanMs],
  ['transfer_p50_ms', (r) => r.transferMs.p50Ms],
  ['transfer_p90_ms', (r) => r.transferMs.p90Ms],
  ['transfer_p99_ms', (r) => r.transferMs.p99Ms],
  ['transfer_max_ms', (r) => r.transferMs.maxMs],
  ['tail_to_median', (r) => r.transferMs.tailToMedian],
  ['transfer_p50_ci_low_ms', (r) => r.transferMs.medianCi?.lower ?? null],
  ['transfer_p50_ci_high_ms', (r) => r.transferMs.medianCi?.upper ?? null],
  ['bandwidth_at_median_mbps', (r) => r.bandwidthAtMedianMbps],
  ['put_p50_ms', (r) => r.putMedianMs],
  ['get_p50_ms', (r) => r.getMedianMs],
  ['handoff_rtt_p50_ms', (r) => r.handoffRttMedianMs],
  ['cross_clock_p50_ms', (r) => r.crossClockMedianMs],
  ['error_counts', (r) => (Object.keys(r.errorCounts).length === 0 ? null : JSON.stringify(r.errorCounts))],
];
