import type { TopLevelSpec } from 'vega-lite';
import { type RequestInput, tableOf } from '../../results/latency-table.js';
import { type BurstPoint, TIMELINE_MAX_BURSTS, type TimelineSeries, timelineSeries } from '../burst-series.js';
import { CHART_CONFIG, outcomeColourScale, PANEL_HEIGHT_PX } from '../chart-style.js';
import { labelOf, tableLabels } from '../sub-experiment-labels.js';
import { subExperimentFacet } from './facets.js';
import { SCHEMA_URL } from './spec-common.js';

/**
 * Latency per burst over the run's time: x is when the burst was dispatched (s since the run's
 * origin), y its median latency with a bar from fastest to slowest request, coloured by class, and
 * failures as red crosses at their time to failure. One row per sub-experiment on a shared time axis,
 * so parallel sub-experiments line up. The y axis is logarithmic because cold and warm latencies
 * differ by orders of magnitude. A sub-experiment with more bursts than a chart can show is drawn
 * in time bins (burst-series.ts), and the subtitle says which and how wide.
 */

export const TIMELINE_WIDTH_PX = 760;

export interface TimelineDatum extends BurstPoint {
  readonly subExperiment: string;
}

export function timelineData(requests: RequestInput, series: TimelineSeries = timelineSeries(requests)): TimelineDatum[] {
  const labels = tableLabels(tableOf(requests));
  return series.points.map((point) => ({ ...point, subExperiment: labelOf(labels, point.subExperimentIndex) }));
}

/** The subtitle's line about time bins, or null when every burst has its point. */
export function timelineBinNote(requests: RequestInput, series: TimelineSeries): string | null {
  if (series.binMs === null) return null;
  const labels = tableLabels(tableOf(requests));
  const names = series.binned.map((index) => labelOf(labels, index));
  return `more than ${TIMELINE_MAX_BURSTS.toLocaleString('en-US')} bursts, drawn in time bins of ${binText(series.binMs)} (point: median of the bin’s requests): ${names.join(', ')}`;
}

export function timelineSpec(requests: RequestInput, series: TimelineSeries = timelineSeries(requests)): TopLevelSpec {
  const table = tableOf(requests);
  const data = timelineData(table, series);
  const binNote = timelineBinNote(table, series);
  const subtitle = 'point: median of the burst’s requests; bar: fastest to slowest; ✕: failed requests (time to failure)';
  // The legend would otherwise take the rules' faint opacity.
  const colour = {
    field: 'outcome',
    type: 'nominal',
    title: 'outcome',
    scale: outcomeColourScale(data.map((d) => d.outcome)),
    legend: { symbolOpacity: 1 },
  } as const;
  const x = { field: 'dispatchedS', type: 'quantitative', title: 'time since start (s)' } as const;
  return {
    $schema: SCHEMA_URL,
    title: {
      text: 'Latency per burst over the run',
      subtitle: binNote === null ? subtitle : [subtitle, binNote],
    },
    data: { values: data },
    facet: { row: subExperimentFacet(tableLabels(table)) },
    spec: {
      width: TIMELINE_WIDTH_PX,
      height: PANEL_HEIGHT_PX,
      layer: [
        {
          mark: { type: 'rule', opacity: 0.45, strokeWidth: 1.5 },
          encoding: {
            x,
            y: { field: 'minMs', type: 'quantitative', scale: { type: 'log' }, title: 'latency (ms, log scale)' },
            y2: { field: 'maxMs' },
            color: colour,
          },
        },
        {
          mark: { type: 'point', filled: true, size: 28, opacity: 0.9 },
          encoding: {
            x,
            y: { field: 'medianMs', type: 'quantitative', scale: { type: 'log' }, title: 'latency (ms, log scale)' },
            color: colour,
            shape: { field: 'outcome', type: 'nominal', title: 'outcome', scale: { domain: colour.scale.domain, range: colour.scale.domain.map(shapeOf) } },
          },
        },
      ],
    },
    config: CHART_CONFIG,
  };
}

/** A nice bin width (1, 2 or 5 × 10^k ms) in words: "500 ms", "20 s". */
function binText(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}

function shapeOf(outcome: string): string {
  return outcome === 'error' ? 'cross' : 'circle';
}
