import type { ClassSummary, HistoryEntry } from './entry.js';
import { mannWhitney } from './stats/mann-whitney.js';

/**
 * The store's entries as time series — vendor → study (experiment title) → sub-experiment →
 * class — with a change marked where a run differs significantly from the previous completed run
 * of the same series. Pure: entries in, series out.
 *
 * The test: Mann–Whitney U on the two runs' successful latencies (distribution-free, rank-based,
 * so heavy tails and skew do not distort it), two-sided, at ALPHA. A tail-only change is caught
 * separately: the two runs' distribution-free 95% intervals of p99 do not overlap.
 */

/** Significance level of the shift test; small because a history runs many tests (runs × series). */
export const ALPHA = 0.01;
export const CHARTED_CLASSES = ['cold', 'warm'] as const;
export type ChartedClass = (typeof CHARTED_CLASSES)[number];

export interface Change {
  readonly previousRunId: string;
  /** Mann–Whitney two-sided p-value; null when either run had no samples. */
  readonly pValue: number | null;
  readonly shift: boolean;
  /** p99 intervals of the two runs do not overlap. */
  readonly p99: boolean;
  readonly direction: 'slower' | 'faster';
  readonly medianBeforeMs: number | null;
  readonly medianAfterMs: number | null;
  readonly p99BeforeMs: number | null;
  readonly p99AfterMs: number | null;
}

export interface SeriesPoint {
  readonly runId: string;
  readonly startedAtMs: number;
  readonly status: string;
  readonly summary: Omit<ClassSummary, 'samplesMs'>;
  /** Set when this run differs significantly from the previous completed one. */
  readonly change: Change | null;
}

export interface SubHistory {
  readonly title: string;
  readonly facts: string;
  readonly classes: Readonly<Record<ChartedClass, readonly SeriesPoint[]>>;
}

export interface StudyHistory {
  readonly vendor: string;
  readonly title: string;
  readonly file: string | null;
  /** Oldest first. */
  readonly runs: readonly HistoryEntry[];
  readonly subs: readonly SubHistory[];
}

export interface MarkedChange {
  readonly vendor: string;
  readonly study: string;
  readonly subExperiment: string;
  readonly cls: ChartedClass;
  readonly runId: string;
  readonly startedAtMs: number;
  readonly change: Change;
}

export interface History {
  readonly vendors: readonly { readonly vendor: string; readonly studies: readonly StudyHistory[] }[];
  /** Newest first. */
  readonly changes: readonly MarkedChange[];
  readonly runCount: number;
}

export function buildHistory(entries: readonly HistoryEntry[]): History {
  const byStudy = new Map<string, HistoryEntry[]>();
  for (const entry of entries) {
    const key = JSON.stringify([entry.vendor, entry.title]);
    byStudy.set(key, [...(byStudy.get(key) ?? []), entry]);
  }
  const studies: StudyHistory[] = [];
  const changes: MarkedChange[] = [];
  for (const runsOfStudy of byStudy.values()) {
    const runs = [...runsOfStudy].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.runId.localeCompare(b.runId));
    const latest = runs.at(-1) as HistoryEntry;
    const subTitles = [...new Set(runs.flatMap((r) => r.subExperiments.map((s) => s.title)))];
    const subs = subTitles.map((title): SubHistory => {
      const last = [...runs].reverse().flatMap((r) => r.subExperiments).find((s) => s.title === title);
      const facts = [last?.runtime, last?.memoryMb == null ? null : `${last.memoryMb} MB`, last?.packageSizeMb == null ? null : `${last.packageSizeMb} MiB package`]
        .filter((x) => x !== null && x !== undefined)
        .join(', ');
      const classes = Object.fromEntries(
        CHARTED_CLASSES.map((cls) => {
          const points = seriesOf(runs, title, cls);
          for (const point of points) {
            if (point.change !== null) {
              changes.push({ vendor: latest.vendor, study: latest.title, subExperiment: title, cls, runId: point.runId, startedAtMs: point.startedAtMs, change: point.change });
            }
          }
          return [cls, points];
        }),
      ) as Record<ChartedClass, SeriesPoint[]>;
      return { title, facts, classes };
    });
    studies.push({ vendor: latest.vendor, title: latest.title, file: latest.file, runs, subs });
  }
  const vendors = [...new Set(studies.map((s) => s.vendor))].sort().map((vendor) => ({
    vendor,
    studies: studies.filter((s) => s.vendor === vendor).sort((a, b) => a.title.localeCompare(b.title)),
  }));
  changes.sort((a, b) => b.startedAtMs - a.startedAtMs);
  return { vendors, changes, runCount: entries.length };
}

/** One class of one sub-experiment over the runs (oldest first), each compared with the previous completed run. */
function seriesOf(runs: readonly HistoryEntry[], subTitle: string, cls: ChartedClass): SeriesPoint[] {
  const points: SeriesPoint[] = [];
  let previous: { runId: string; summary: ClassSummary } | null = null;
  for (const run of runs) {
    const summary = run.subExperiments.find((s) => s.title === subTitle)?.classes[cls];
    if (summary === undefined) continue;
    const change = run.status === 'completed' && previous !== null ? compare(previous, summary) : null;
    const { samplesMs: _samples, ...withoutSamples } = summary;
    points.push({ runId: run.runId, startedAtMs: Date.parse(run.startedAt), status: run.status, summary: withoutSamples, change });
    // Only completed runs are baselines: an interrupted run's sample is not the whole study.
    if (run.status === 'completed') previous = { runId: run.runId, summary };
  }
  return points;
}

export function compare(previous: { runId: string; summary: ClassSummary }, current: ClassSummary): Change | null {
  const test = mannWhitney(current.samplesMs, previous.summary.samplesMs);
  const shift = test !== null && test.pValue < ALPHA;
  const before = previous.summary.p99Ci;
  const after = current.p99Ci;
  const p99 = before !== null && after !== null && (after[0] > before[1] || after[1] < before[0]);
  if (!shift && !p99) return null;
  const slower = shift ? (test?.probabilityGreater ?? 0.5) > 0.5 : (current.p99Ms ?? 0) > (previous.summary.p99Ms ?? 0);
  return {
    previousRunId: previous.runId,
    pValue: test?.pValue ?? null,
    shift,
    p99,
    direction: slower ? 'slower' : 'faster',
    medianBeforeMs: previous.summary.medianMs,
    medianAfterMs: current.medianMs,
    p99BeforeMs: previous.summary.p99Ms,
    p99AfterMs: current.p99Ms,
  };
}
