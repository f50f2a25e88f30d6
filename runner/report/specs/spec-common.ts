import type { Field, PositionFieldDef } from 'vega-lite/types_unstable/channeldef.js';

/** What every spec file shares. The schema URL is an identifier for editors, never fetched. */
export const SCHEMA_URL = 'https://vega.github.io/schema/vega-lite/v6.json';

export type XScale = 'linear' | 'log';

/** The x (latency) and y (cumulative fraction) encodings every empirical-CDF panel shares. */
export function cdfAxes(xScale: XScale): { x: PositionFieldDef<Field>; y: PositionFieldDef<Field> } {
  return {
    x: {
      field: 'latencyMs',
      type: 'quantitative',
      title: `latency (ms${xScale === 'log' ? ', log scale' : ''})`,
      scale: xScale === 'log' ? { type: 'log' } : { zero: true },
    },
    y: { field: 'fraction', type: 'quantitative', title: 'fraction of requests', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
  };
}
