import type { TopLevelSpec } from 'vega-lite';
import { type RequestInput, tableOf } from '../../results/latency-table.js';
import type { RequestClass } from '../../results/request-record.js';
import { CHART_CONFIG, CLASS_ORDER, classColourScale, PANEL_HEIGHT_PX, PANEL_WIDTH_PX } from '../chart-style.js';
import { ecdfPointsSorted } from '../ecdf.js';
import { panelLatencies } from '../panel-latencies.js';
import { labelOf, tableLabels } from '../sub-experiment-labels.js';
import { subExperimentFacet } from './facets.js';
import { cdfAxes, SCHEMA_URL, type XScale } from './spec-common.js';

/**
 * Empirical CDF of client latency (latency_ms, successful requests), one panel per sub-experiment,
 * cold and warm as separate coloured curves. The log-x variant spreads warm (ms) and cold (s)
 * latencies apart and shows the tail; the linear one shows absolute gaps.
 */

export interface CdfDatum {
  readonly subExperimentIndex: number;
  readonly subExperiment: string;
  readonly class: RequestClass;
  readonly latencyMs: number;
  readonly fraction: number;
}

export function cdfData(requests: RequestInput): CdfDatum[] {
  const table = tableOf(requests);
  const labels = tableLabels(table);
  const panels = panelLatencies(table);
  const data: CdfDatum[] = [];
  for (const index of labels.keys()) {
    for (const cls of CLASS_ORDER) {
      for (const point of ecdfPointsSorted(panels.get(index, cls))) data.push({ subExperimentIndex: index, subExperiment: labelOf(labels, index), class: cls, ...point });
    }
  }
  return data;
}

export function cdfSpec(requests: RequestInput, xScale: XScale): TopLevelSpec {
  const table = tableOf(requests);
  const data = cdfData(table);
  const panels = new Set(data.map((d) => d.subExperimentIndex)).size;
  return {
    $schema: SCHEMA_URL,
    title: {
      text: `Client latency, empirical CDF${xScale === 'log' ? ' (log scale)' : ''}`,
      subtitle: 'successful requests, time to the last byte; one panel per sub-experiment',
    },
    data: { values: data },
    facet: subExperimentFacet(tableLabels(table)),
    columns: Math.min(2, Math.max(1, panels)),
    spec: {
      width: PANEL_WIDTH_PX,
      height: PANEL_HEIGHT_PX,
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.8, clip: true },
      encoding: {
        ...cdfAxes(xScale),
        color: { field: 'class', type: 'nominal', title: 'class', scale: classColourScale(data.map((d) => d.class)) },
      },
    },
    config: CHART_CONFIG,
  };
}
