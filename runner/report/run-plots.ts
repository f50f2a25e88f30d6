import type { TopLevelSpec } from 'vega-lite';
import type { ResolvedExperiment } from '../../experiments/schema/index.js';
import { type RequestInput, tableOf } from '../results/latency-table.js';
import type { StatisticsRow } from '../stats/index.js';
import { cdfSpec } from './specs/cdf-spec.js';
import { factorSpec } from './specs/factor-spec.js';
import { histogramSpec } from './specs/histogram-spec.js';
import { timelineSpec } from './specs/timeline-spec.js';
import { timelineSeries } from './burst-series.js';
import { detectSweepFactors } from './sweep-factor.js';

/**
 * Which charts a run gets, in report order, as pure data: a name (file stem and SVG id prefix), a
 * caption for the report, and the vega-lite spec. Rendering and writing happen elsewhere.
 */

export interface PlotDefinition {
  /** File stem under plots/ and SVG id prefix: lower-case letters, digits and dashes. */
  readonly name: string;
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

export interface RunPlotInput {
  /** The run's requests: its table (reports) or records (tests). */
  readonly requests: RequestInput;
  readonly rows: readonly StatisticsRow[];
  readonly experiment: ResolvedExperiment | null;
}

export function runPlotDefinitions({ requests, rows, experiment }: RunPlotInput): PlotDefinition[] {
  const table = tableOf(requests);
  if (table.rows === 0) return [];
  const plots: PlotDefinition[] = [];
  const someSucceeded = table.failed < table.rows;
  if (someSucceeded) {
    plots.push(
      { name: 'cdf-linear', caption: 'Empirical CDF of client latency per sub-experiment, cold and warm apart.', spec: cdfSpec(table, 'linear') },
      { name: 'cdf-log', caption: 'The same CDFs on a logarithmic latency axis, which separates warm from cold and shows the tail.', spec: cdfSpec(table, 'log') },
    );
  }
  const series = timelineSeries(table);
  plots.push({
    name: 'timeline',
    caption: `Latency per burst against the time it was sent; failed requests are marked.${series.binMs === null ? '' : ' Sub-experiments with too many bursts to draw one by one are drawn in time bins (see the subtitle).'}`,
    spec: timelineSpec(table, series),
  });
  if (someSucceeded) {
    plots.push({ name: 'histogram', caption: 'Distribution of client latency per sub-experiment and class.', spec: histogramSpec(table) });
  }
  for (const factor of detectSweepFactors(experiment, table)) {
    plots.push({
      name: `factor-${factor.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
      caption: `The experiment sweeps ${factor.title} across its sub-experiments: median and p99 latency against it.`,
      spec: factorSpec(rows, factor),
    });
  }
  return plots;
}
