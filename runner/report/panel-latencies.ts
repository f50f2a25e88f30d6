import type { LatencyTable } from '../results/latency-table.js';
import { REQUEST_CLASSES, type RequestClass } from '../results/request-record.js';
import { bucketRows } from '../stats/index.js';

/**
 * What the CDF and histogram panels draw: the latencies of successful requests per sub-experiment
 * and class, each group sorted ascending. All groups share one Float64Array (8 bytes a request),
 * computed once per table and shared by every chart that asks.
 */

export interface PanelLatencies {
  /** Ascending; empty when the sub-experiment has no successful request of the class. */
  get(subExperimentIndex: number, cls: RequestClass): Float64Array;
}

const CLASS_COUNT = REQUEST_CLASSES.length;
const EMPTY = new Float64Array(0);
const cache = new WeakMap<LatencyTable, PanelLatencies>();

export function panelLatencies(table: LatencyTable): PanelLatencies {
  let panels = cache.get(table);
  if (panels === undefined) {
    panels = computePanels(table);
    cache.set(table, panels);
  }
  return panels;
}

function computePanels(table: LatencyTable): PanelLatencies {
  const groupOf = new Int32Array(table.rows);
  for (let row = 0; row < table.rows; row += 1) {
    groupOf[row] = table.ok[row] === 1 ? (table.subCode[row] as number) * CLASS_COUNT + (table.classCode[row] as number) : -1;
  }
  const { order, offsets } = bucketRows(groupOf, table.subExperiments.length * CLASS_COUNT);
  const latencies = new Float64Array(order.length);
  for (let i = 0; i < order.length; i += 1) latencies[i] = table.latencyMs[order[i] as number] as number;
  for (let g = 0; g + 1 < offsets.length; g += 1) latencies.subarray(offsets[g], offsets[g + 1]).sort();
  const subCodes = new Map(table.subExperiments.map((sub, code) => [sub.index, code]));
  return {
    get(subExperimentIndex, cls) {
      const sub = subCodes.get(subExperimentIndex);
      if (sub === undefined) return EMPTY;
      const group = sub * CLASS_COUNT + REQUEST_CLASSES.indexOf(cls);
      return latencies.subarray(offsets[group], offsets[group + 1]);
    },
  };
}
