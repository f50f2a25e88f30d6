import type { TopLevelSpec } from 'vega-lite';
import type { RequestClass } from '../../results/request-record.js';
import type { StatisticsRow } from '../../stats/index.js';
import { CHART_CONFIG, classColourScale, PANEL_HEIGHT_PX, PANEL_WIDTH_PX } from '../chart-style.js';
import type { SweepFactor, SweepValue } from '../sweep-factor.js';
import { classFacet, classRankTransform } from './facets.js';
import { SCHEMA_URL } from './spec-common.js';

/**
 * Median and p99 latency against the swept factor (package size, runtime, memory or burst size),
 * one panel per class with its own y scale, as STeLLAR's imgsize.py plots them. Solid: median,
 * dashed: p99. Lines join the points only for numeric factors; runtimes get points alone.
 */

export type FactorStatistic = 'median' | 'p99';

export interface FactorDatum {
  readonly subExperimentIndex: number;
  readonly subExperiment: string;
  readonly factorValue: SweepValue;
  readonly class: RequestClass;
  readonly statistic: FactorStatistic;
  readonly latencyMs: number;
}

/** From statisticsRows' rows (one per sub-experiment and class); classes without a successful request are left out. */
export function factorData(rows: readonly StatisticsRow[], factor: SweepFactor): FactorDatum[] {
  const data: FactorDatum[] = [];
  for (const row of rows) {
    if (row.class === 'all' || row.factor !== null) continue;
    const factorValue = factor.values.get(row.subExperimentIndex);
    if (factorValue === undefined || row.p50Ms === null || row.p99Ms === null) continue;
    const base = { subExperimentIndex: row.subExperimentIndex, subExperiment: row.subExperiment, factorValue, class: row.class };
    data.push({ ...base, statistic: 'median', latencyMs: row.p50Ms }, { ...base, statistic: 'p99', latencyMs: row.p99Ms });
  }
  return data;
}

export function factorSpec(rows: readonly StatisticsRow[], factor: SweepFactor): TopLevelSpec {
  const data = factorData(rows, factor);
  const colour = classColourScale(data.map((d) => d.class));
  // Nominal values keep the experiment's order (e.g. runtimes as listed), not the alphabet.
  const nominalOrder = [...new Set([...factor.values].sort(([a], [b]) => a - b).map(([, value]) => String(value)))];
  const x = factor.quantitative
    ? ({ field: 'factorValue', type: 'quantitative', title: factor.title, scale: { zero: true } } as const)
    : ({ field: 'factorValue', type: 'nominal', title: factor.title, sort: nominalOrder, axis: { labelAngle: 0 } } as const);
  const encoding = {
    x,
    y: { field: 'latencyMs', type: 'quantitative', title: 'latency (ms)', scale: { zero: true } },
    color: { field: 'class', type: 'nominal', title: 'class', scale: colour },
    strokeDash: { field: 'statistic', type: 'nominal', title: 'statistic', scale: { domain: ['median', 'p99'], range: [[1, 0], [5, 3]] } },
    shape: { field: 'statistic', type: 'nominal', title: 'statistic', scale: { domain: ['median', 'p99'], range: ['circle', 'triangle-up'] } },
    detail: { field: 'statistic', type: 'nominal' },
  } as const;
  const { shape: _shape, ...lineEncoding } = encoding;
  return {
    $schema: SCHEMA_URL,
    title: { text: `Median and p99 latency against ${factor.title}`, subtitle: 'successful requests, per class; solid: median, dashed: p99' },
    data: { values: data },
    transform: [classRankTransform()],
    facet: { column: classFacet() },
    spec: {
      width: PANEL_WIDTH_PX,
      height: PANEL_HEIGHT_PX,
      layer: [
        // Without the shape channel: on a line, vega-lite would draw a second set of points under the point layer's.
        ...(factor.quantitative ? [{ mark: { type: 'line', strokeWidth: 1.8 }, encoding: lineEncoding } as const] : []),
        { mark: { type: 'point', filled: true, size: 50 }, encoding },
      ],
    },
    resolve: { scale: { y: 'independent' } },
    config: CHART_CONFIG,
  };
}
