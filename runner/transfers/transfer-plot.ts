import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, PANEL_HEIGHT_PX, PANEL_WIDTH_PX } from '../report/chart-style.js';
import { SCHEMA_URL } from '../report/specs/spec-common.js';
import type { TransferStatisticsRow } from './transfer-statistics.js';

/**
 * Transfer time against payload size, one line per transfer mode: the median (solid) and p99
 * (dashed) of transfer_ms over every hop of the run's chains (class `all`, hops pooled per mode
 * and size as the statistics of hop rows give them, weighted by count). Both axes logarithmic;
 * a 0-byte payload sits at the left edge of a symlog axis. Pure: statistics rows in, spec out.
 */
export interface TransferPlotDatum {
  readonly transfer: string;
  readonly payloadBytes: number;
  readonly statistic: 'median' | 'p99';
  readonly transferMs: number;
}

export function transferPlotData(rows: readonly TransferStatisticsRow[]): TransferPlotDatum[] {
  const byPoint = new Map<string, { transfer: string; payloadBytes: number; weight: number; median: number; p99: number }>();
  for (const row of rows) {
    if (row.class !== 'all' || row.transferMs.p50Ms === null || row.transferMs.p99Ms === null) continue;
    const id = `${row.transfer}\n${row.payloadBytes}`;
    const point = byPoint.get(id) ?? { transfer: row.transfer, payloadBytes: row.payloadBytes, weight: 0, median: 0, p99: 0 };
    const n = row.transferMs.count;
    point.median = (point.median * point.weight + row.transferMs.p50Ms * n) / (point.weight + n);
    point.p99 = (point.p99 * point.weight + row.transferMs.p99Ms * n) / (point.weight + n);
    point.weight += n;
    byPoint.set(id, point);
  }
  return [...byPoint.values()]
    .sort((a, b) => a.transfer.localeCompare(b.transfer) || a.payloadBytes - b.payloadBytes)
    .flatMap((p) => [
      { transfer: p.transfer, payloadBytes: p.payloadBytes, statistic: 'median' as const, transferMs: p.median },
      { transfer: p.transfer, payloadBytes: p.payloadBytes, statistic: 'p99' as const, transferMs: p.p99 },
    ]);
}

export function transferPlotSpec(rows: readonly TransferStatisticsRow[]): TopLevelSpec {
  const data = transferPlotData(rows);
  // A log axis cannot hold 0 bytes; symlog can, at the cost of a sparser axis.
  const xScale = data.some((d) => d.payloadBytes === 0) ? 'symlog' : 'log';
  const encoding = {
    x: { field: 'payloadBytes', type: 'quantitative', title: 'payload (bytes)', scale: { type: xScale } },
    y: { field: 'transferMs', type: 'quantitative', title: 'transfer time (ms)', scale: { type: 'log' } },
    color: { field: 'transfer', type: 'nominal', title: 'transfer', scale: { domain: ['inline', 'storage'], range: ['#1f6fb4', '#d9822b'] } },
    strokeDash: { field: 'statistic', type: 'nominal', title: 'statistic', scale: { domain: ['median', 'p99'], range: [[1, 0], [5, 3]] } },
    detail: { field: 'statistic', type: 'nominal' },
  } as const;
  return {
    $schema: SCHEMA_URL,
    title: { text: 'Transfer time against payload size', subtitle: 'transfer_ms of successful hop-to-hop transfers; solid: median, dashed: p99' },
    data: { values: data },
    width: PANEL_WIDTH_PX * 1.5,
    height: PANEL_HEIGHT_PX * 1.5,
    layer: [
      { mark: { type: 'line', strokeWidth: 1.8 }, encoding },
      { mark: { type: 'point', filled: true, size: 50 }, encoding: { ...encoding, shape: { field: 'statistic', type: 'nominal', title: 'statistic' } } },
    ],
    config: CHART_CONFIG,
  };
}
