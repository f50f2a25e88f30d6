import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readLatencyCsv } from '../results/index.js';
import { medianSorted, quantileSorted, sortAscending } from '../stats/index.js';
import { HISTORY_FORMAT_VERSION, type ClassSummary, type HistoryEntry } from './entry.js';
import { quantileCi } from './stats/quantile-ci.js';

/** Classes the history keeps (unknown is left out: it has no meaning over time). */
export const HISTORY_CLASSES = ['cold', 'cold-preinit', 'warm'] as const;

/**
 * A history entry from a run folder: experiment.resolved.json for identity and status,
 * latencies.csv for every number (the same rows the run's own statistics come from).
 */
export async function buildEntry(runDir: string, reportInStore: string | null): Promise<HistoryEntry> {
  const resolved = JSON.parse(await readFile(path.join(runDir, 'experiment.resolved.json'), 'utf8')) as Record<string, any>;
  const records = await readLatencyCsv(path.join(runDir, 'latencies.csv'));
  const experiment = resolved['experiment'] ?? {};
  const subs: { index: number; title: string; runtime?: string; memoryMb?: number; packageSizeMb?: number }[] = experiment.subExperiments ?? [];
  return {
    formatVersion: HISTORY_FORMAT_VERSION,
    runId: String(resolved['runId'] ?? path.basename(runDir)),
    title: String(experiment.title ?? path.basename(path.dirname(runDir))),
    file: typeof experiment.file === 'string' ? experiment.file : null,
    vendor: String(experiment.vendor ?? 'unknown'),
    startedAt: String(resolved['startedAt'] ?? new Date(0).toISOString()),
    status: String(resolved['status'] ?? 'unknown'),
    toolVersion: typeof resolved['toolVersion'] === 'string' ? resolved['toolVersion'] : null,
    seed: typeof resolved['seed'] === 'number' ? resolved['seed'] : null,
    report: reportInStore,
    subExperiments: subs.map((sub) => {
      const mine = records.filter((r) => r.subExperimentIndex === sub.index);
      const classes: Record<string, ClassSummary> = {};
      for (const cls of HISTORY_CLASSES) {
        const latencies = mine.filter((r) => r.ok && r.requestClass === cls).map((r) => r.latencyMs);
        if (latencies.length > 0) classes[cls] = summarizeClass(latencies);
      }
      return {
        index: sub.index,
        title: sub.title,
        runtime: sub.runtime ?? null,
        memoryMb: sub.memoryMb ?? null,
        packageSizeMb: sub.packageSizeMb ?? null,
        requests: mine.length,
        errors: mine.filter((r) => !r.ok).length,
        classes,
      };
    }),
  };
}

/** Median and p99 (type 7, as the run statistics) with their distribution-free 95% intervals, and the samples. */
export function summarizeClass(latenciesMs: readonly number[]): ClassSummary {
  const sorted = sortAscending(latenciesMs.map((ms) => Math.round(ms * 1000) / 1000));
  const medianCi = quantileCi(sorted, 0.5);
  const p99Ci = quantileCi(sorted, 0.99);
  return {
    n: sorted.length,
    medianMs: sorted.length === 0 ? null : medianSorted(sorted),
    medianCi: medianCi === null ? null : [medianCi.lower, medianCi.upper],
    p99Ms: sorted.length === 0 ? null : quantileSorted(sorted, 0.99),
    p99Ci: p99Ci === null ? null : [p99Ci.lower, p99Ci.upper],
    samplesMs: sorted,
  };
}
