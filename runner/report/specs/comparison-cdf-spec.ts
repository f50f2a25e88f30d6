import type { TopLevelSpec } from 'vega-lite';
import { type LatencyTable, type RequestInput, tableOf } from '../../results/latency-table.js';
import type { RequestClass } from '../../results/request-record.js';
import { CHART_CONFIG, CLASS_ORDER, PANEL_HEIGHT_PX, PANEL_WIDTH_PX } from '../chart-style.js';
import { ecdfPointsSorted } from '../ecdf.js';
import { panelLatencies } from '../panel-latencies.js';
import { labelOf, subExperimentLabels } from '../sub-experiment-labels.js';
import { classFacet, classRankTransform, subExperimentFacet } from './facets.js';
import { cdfAxes, SCHEMA_URL, type XScale } from './spec-common.js';

/**
 * Several runs of one experiment, their latency CDFs overlaid: rows are sub-experiments, columns
 * classes, colour the run. Runs of the same experiment share sub-experiment indices and titles.
 */

export interface RunRequests {
  /** Legend text for the run (its run id). */
  readonly label: string;
  readonly requests: RequestInput;
}

export interface ComparisonCdfDatum {
  readonly run: string;
  readonly subExperimentIndex: number;
  readonly subExperiment: string;
  readonly class: RequestClass;
  readonly latencyMs: number;
  readonly fraction: number;
}

export function comparisonCdfData(runs: readonly RunRequests[]): ComparisonCdfDatum[] {
  return comparisonData(runs.map((run) => ({ label: run.label, table: tableOf(run.requests) })));
}

/** Labels over every run: a sub-experiment takes its title from the first run that has it. */
function runLabels(runs: readonly { table: LatencyTable }[]): Map<number, string> {
  return subExperimentLabels(runs.flatMap(({ table }) => table.subExperiments.map((sub) => ({ subExperimentIndex: sub.index, subExperiment: sub.title }))));
}

function comparisonData(runs: readonly { label: string; table: LatencyTable }[]): ComparisonCdfDatum[] {
  const labels = runLabels(runs);
  const data: ComparisonCdfDatum[] = [];
  for (const run of runs) {
    const panels = panelLatencies(run.table);
    for (const index of labels.keys()) {
      for (const cls of CLASS_ORDER) {
        for (const point of ecdfPointsSorted(panels.get(index, cls))) {
          data.push({ run: run.label, subExperimentIndex: index, subExperiment: labelOf(labels, index), class: cls, ...point });
        }
      }
    }
  }
  return data;
}

export function comparisonCdfSpec(runs: readonly RunRequests[], xScale: XScale): TopLevelSpec {
  const tables = runs.map((run) => ({ label: run.label, table: tableOf(run.requests) }));
  const data = comparisonData(tables);
  return {
    $schema: SCHEMA_URL,
    title: {
      text: `Client latency by run, empirical CDF${xScale === 'log' ? ' (log scale)' : ''}`,
      subtitle: 'successful requests; rows: sub-experiments, columns: classes, colour: run',
    },
    data: { values: data },
    transform: [classRankTransform()],
    facet: { row: subExperimentFacet(runLabels(tables)), column: classFacet() },
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
