import { z } from 'zod';

/**
 * One run in the history store (`runs/<run id>.json`): what the site charts and what its change
 * test needs — per sub-experiment and request class the count, median and p99 with their
 * distribution-free 95% intervals, and the sorted successful latencies themselves (µs precision),
 * since the Mann–Whitney test compares whole samples. Raw rows stay in the run's artifact.
 */

export const HISTORY_FORMAT_VERSION = 1;

const Interval = z.tuple([z.number(), z.number()]).nullable();

export const ClassSummary = z.strictObject({
  n: z.int().nonnegative(),
  medianMs: z.number().nullable(),
  medianCi: Interval,
  p99Ms: z.number().nullable(),
  p99Ci: Interval,
  /** Ascending, rounded to µs. */
  samplesMs: z.array(z.number()),
});
export type ClassSummary = z.infer<typeof ClassSummary>;

export const HistorySubExperiment = z.strictObject({
  index: z.int().nonnegative(),
  title: z.string(),
  runtime: z.string().nullable(),
  memoryMb: z.number().nullable(),
  packageSizeMb: z.number().nullable(),
  requests: z.int().nonnegative(),
  errors: z.int().nonnegative(),
  /** Keyed by request class (cold, cold-preinit, warm); a class with no successful request is absent. */
  classes: z.record(z.string(), ClassSummary),
});
export type HistorySubExperiment = z.infer<typeof HistorySubExperiment>;

export const HistoryEntry = z.strictObject({
  formatVersion: z.literal(HISTORY_FORMAT_VERSION),
  runId: z.string().regex(/^[A-Za-z0-9_.-]+$/),
  title: z.string(),
  file: z.string().nullable(),
  vendor: z.string(),
  /** ISO time the run started. */
  startedAt: z.string(),
  /** completed, interrupted, failed, or running (the runner was killed). */
  status: z.string(),
  toolVersion: z.string().nullable(),
  seed: z.number().nullable(),
  /** The report copied into the store, relative to it; null when the run had none. */
  report: z.string().nullable(),
  subExperiments: z.array(HistorySubExperiment),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;
