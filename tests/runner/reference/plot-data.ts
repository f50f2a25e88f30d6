import type { RequestRecord } from '../../../runner/results/request-record.js';
import { CLASS_ORDER } from '../../../runner/report/chart-style.js';
import { burstPoints } from './burst-series.js';
import { ecdfPoints } from './ecdf.js';
import { histogramBins } from './histogram-bins.js';
import { labelOf, subExperimentLabels } from './sub-experiment-labels.js';

/**
 * The charts' data functions as they were before the columnar rework (5920c7c), from
 * specs/cdf-spec.ts, histogram-spec.ts, comparison-cdf-spec.ts and timeline-spec.ts, and the record
 * facts of run-facts.ts: the oracle the columnar results are compared with.
 */

interface RunRecords {
  readonly label: string;
  readonly records: readonly RequestRecord[];
}

export function cdfData(records: readonly RequestRecord[]) {
  const data = [];
  const labels = subExperimentLabels(records);
  for (const [index, label] of labels) {
    for (const cls of CLASS_ORDER) {
      const latencies = records.filter((r) => r.ok && r.subExperimentIndex === index && r.requestClass === cls).map((r) => r.latencyMs);
      for (const point of ecdfPoints(latencies)) data.push({ subExperimentIndex: index, subExperiment: labelOf(labels, index), class: cls, ...point });
    }
  }
  return data;
}

export function histogramData(records: readonly RequestRecord[]) {
  const data = [];
  const labels = subExperimentLabels(records);
  for (const index of labels.keys()) {
    for (const cls of CLASS_ORDER) {
      const latencies = records.filter((r) => r.ok && r.subExperimentIndex === index && r.requestClass === cls).map((r) => r.latencyMs);
      for (const bin of histogramBins(latencies)) data.push({ subExperimentIndex: index, subExperiment: labelOf(labels, index), class: cls, ...bin });
    }
  }
  return data;
}

export function comparisonCdfData(runs: readonly RunRecords[]) {
  const data = [];
  const labels = subExperimentLabels(runs.flatMap((run) => run.records));
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

export function timelineData(records: readonly RequestRecord[]) {
  const labels = subExperimentLabels(records);
  return burstPoints(records).map((point) => ({ ...point, subExperiment: labelOf(labels, point.subExperimentIndex) }));
}

/** What run-facts.ts took from the records. */
export function recordFacts(records: readonly RequestRecord[]) {
  return {
    lastResponseMs: records.length === 0 ? null : records.reduce((latest, r) => Math.max(latest, r.endMs), -Infinity),
    vendor: distinct(records.map((r) => r.vendor))[0] ?? null,
    regions: distinct(records.map((r) => r.region)),
    requests: records.length,
    failedRequests: records.filter((r) => !r.ok).length,
  };
}

function distinct(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null && v !== ''))].sort();
}
