import type { TopLevelSpec } from 'vega-lite';
import { type RequestInput, tableOf } from '../../results/latency-table.js';
import type { RequestClass } from '../../results/request-record.js';
import { CHART_CONFIG, CLASS_ORDER, classColourScale } from '../chart-style.js';
import { histogramBins } from '../histogram-bins.js';
import { panelLatencies } from '../panel-latencies.js';
import { labelOf, tableLabels } from '../sub-experiment-labels.js';
import { classFacet, classRankTransform, subExperimentFacet } from './facets.js';
import { SCHEMA_URL } from './spec-common.js';

/**
 * Histogram of client latency (successful requests) per sub-experiment (rows) and class (columns),
 * each panel with its own bins and axes: cold and warm latencies live on different scales.
 */

export const HISTOGRAM_PANEL_WIDTH_PX = 320;
export const HISTOGRAM_PANEL_HEIGHT_PX = 150;

export interface HistogramDatum {
  readonly subExperimentIndex: number;
  readonly subExperiment: string;
  readonly class: RequestClass;
  readonly startMs: number;
  readonly endMs: number;
  readonly count: number;
}

export function histogramData(requests: RequestInput): HistogramDatum[] {
  const table = tableOf(requests);
  const labels = tableLabels(table);
  const panels = panelLatencies(table);
  const data: HistogramDatum[] = [];
  for (const index of labels.keys()) {
    for (const cls of CLASS_ORDER) {
      for (const bin of histogramBins(panels.get(index, cls))) data.push({ subExperimentIndex: index, subExperiment: labelOf(labels, index), class: cls, ...bin });
    }
  }
  return data;
}

export function histogramSpec(requests: RequestInput): TopLevelSpec {
  const table = tableOf(requests);
  const data = histogramData(table);
  const colour = classColourScale(data.map((d) => d.class));
  return {
    $schema: SCHEMA_URL,
    title: { text: 'Client latency, histogram', subtitle: 'successful requests; rows: sub-experiments, columns: classes, each panel on its own scale' },
    data: { values: data },
    transform: [classRankTransform()],
    facet: { row: subExperimentFacet(tableLabels(table)), column: classFacet() },
    spec: {
      width: HISTOGRAM_PANEL_WIDTH_PX,
      height: HISTOGRAM_PANEL_HEIGHT_PX,
      mark: { type: 'bar', stroke: 'white', strokeWidth: 0.5 },
      encoding: {
        x: { field: 'startMs', type: 'quantitative', title: 'latency (ms)', scale: { zero: false, nice: false } },
        x2: { field: 'endMs' },
        y: { field: 'count', type: 'quantitative', title: 'requests', scale: { zero: true }, axis: { format: 'd', tickMinStep: 1 } },
        y2: { datum: 0 },
        color: { field: 'class', type: 'nominal', title: 'class', scale: colour, legend: null },
      },
    },
    resolve: { scale: { x: 'independent', y: 'independent' }, axis: { x: 'independent', y: 'independent' } },
    config: CHART_CONFIG,
  };
}
