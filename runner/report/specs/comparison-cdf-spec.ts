import type { TopLevelSpec } from 'vega-lite';
import type { RequestClass, RequestRecord } from '../../results/request-record.js';
import { CHART_CONFIG, CLASS_ORDER, PANEL_HEIGHT_PX, PANEL_WIDTH_PX } from '../chart-style.js';
import { ecdfPoints } from '../ecdf.js';
import { labelOf, subExperimentLabels } from '../sub-experiment-labels.js';
import { classFacet, classRankTransform, subExperimentFacet } from './facets.js';
import { cdfAxes, SCHEMA_URL, type XScale } from './spec-common.js';

/**
 * Several runs of one experiment, their latency CDFs overlaid: rows are sub-experiments, columns
 * classes, colour the run. Runs of the same experiment share sub-experiment indices and titles.
 */

export interface RunRecords {
  /** Legend text for the run (its run id). */
  readonly label: string;
  readonly records: readonly RequestRecord[];
}

export interface ComparisonCdfDatum {
  readonly run: string;
  readonly subExperimentIndex: number;
  readonly subExperiment: string;
  readonly class: RequestClass;
  readonly latencyMs: number;
  readonly fraction: number;
}

export function comparisonCdfData(runs: readonly RunRecords[]): ComparisonCdfDatum[] {
  const labels = subExperimentLabels(runs.flatMap((run) => run.records));
  const data: ComparisonCdfDatum[] = [];
  for (const run of runs) {
    for (const index of labels.keys()) {
      for (const cls of CLASS_ORDER) {
        const latencies = run.records.filter((r) => r.ok && r.subExperimentIndex === index && r.requestClass === cls).map((r) => r.latencyMs);
        for (const point of ecdfPoints(latencies)) {
          data.push({ run: run.label, subExperimentIndex: index, subExperiment: labelOf(labels, index), class: cls, ...point });
        }
      }
    }
  }
  return data;
}

export function comparisonCdfSpec(runs: readonly RunRecords[], xScale: XScale): TopLevelSpec {
  const data = comparisonCdfData(runs);
  return {
    $schema: SCHEMA_URL,
    title: {
      text: `Client latency by run, empirical CDF${xScale === 'log' ? ' (log scale)' : ''}`,
      subtitle: 'successful requests; rows: sub-experiments, columns: classes, colour: run',
    },
    data: { values: data },
    transform: [classRankTransform()],
    facet: { row: subExperimentFacet(subExperimentLabels(runs.flatMap((run) => run.records))), column: classFacet() },
    spec: {
      width: PANEL_WIDTH_PX,
      height: PANEL_HEIGHT_PX,
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.6, clip: true },
      encoding: {
        ...cdfAxes(xScale),
        // Run ids are long and differ at the end; the default label limit would cut them to one prefix.
        color: { field: 'run', type: 'nominal', title: 'run', sort: runs.map((run) => run.label), scale: { scheme: 'tableau10' }, legend: { labelLimit: 0 } },
      },
    },
    resolve: { scale: { x: 'independent' } },
    config: CHART_CONFIG,
  };
}
