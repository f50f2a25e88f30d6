import type { TopLevelSpec } from 'vega-lite';
import type { RequestRecord } from '../../results/request-record.js';
import { type BurstPoint, burstPoints } from '../burst-series.js';
import { CHART_CONFIG, outcomeColourScale, PANEL_HEIGHT_PX } from '../chart-style.js';
import { labelOf, subExperimentLabels } from '../sub-experiment-labels.js';
import { subExperimentFacet } from './facets.js';
import { SCHEMA_URL } from './spec-common.js';

/**
 * Latency per burst over the run's time: x is when the burst was dispatched (s since the run's
 * origin), y its median latency with a bar from fastest to slowest request, coloured by class, and
 * failures as red crosses at their time to failure. One row per sub-experiment on a shared time axis,
 * so parallel sub-experiments line up. The y axis is logarithmic because cold and warm latencies
 * differ by orders of magnitude.
 */

export const TIMELINE_WIDTH_PX = 760;

export interface TimelineDatum extends BurstPoint {
  readonly subExperiment: string;
}

export function timelineData(records: readonly RequestRecord[]): TimelineDatum[] {
  const labels = subExperimentLabels(records);
  return burstPoints(records).map((point) => ({ ...point, subExperiment: labelOf(labels, point.subExperimentIndex) }));
}

export function timelineSpec(records: readonly RequestRecord[]): TopLevelSpec {
  const data = timelineData(records);
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
      subtitle: 'point: median of the burst’s requests; bar: fastest to slowest; ✕: failed requests (time to failure)',
    },
    data: { values: data },
    facet: { row: subExperimentFacet(subExperimentLabels(records)) },
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

function shapeOf(outcome: string): string {
  return outcome === 'error' ? 'cross' : 'circle';
}
