import { z } from 'zod';
import type { ResolvedKeepAliveStudy } from '../../experiments/schema/index.js';
import { type KeepAliveCurve, keepAliveCurve } from '../keepalive/index.js';
import type { RunDocument } from './resolved-document.js';
import type { RunInputs } from './run-inputs.js';
import type { PlotDefinition } from './run-plots.js';
import { keepAliveSpec } from './specs/keepalive-spec.js';

/**
 * The keep-alive section of a run's report, as data: the curve (runner/keepalive/table-curve.ts)
 * of a run whose experiment.resolved.json records a keep-alive study, and on the local platform
 * the configured keep-alive the estimate should find. null for every other run (and for one whose
 * resolved file is missing or has no readable study: without it nothing says which sub-experiment
 * is which idle time).
 */

export interface KeepAliveReport {
  readonly study: ResolvedKeepAliveStudy;
  readonly curve: KeepAliveCurve;
  /** `local.keepAliveMs` of a local run: the ground truth; null on a cloud, where nobody publishes one. */
  readonly configuredMs: number | null;
}

/** The chart's file stem under plots/ (and its figure's id, `plot-keep-alive`). */
export const KEEP_ALIVE_PLOT_NAME = 'keep-alive';

export function keepAlivePlotDefinition(report: KeepAliveReport): PlotDefinition {
  return {
    name: KEEP_ALIVE_PLOT_NAME,
    caption: 'P(cold) against the idle time before the request, with exact 95% intervals; the estimated keep-alive is where it crosses 50%.',
    spec: keepAliveSpec(report),
  };
}

const IdleShape = z.object({
  idleMs: z.number().positive(),
  subExperimentIndex: z.int().min(0),
  subExperimentTitle: z.string(),
  replicas: z.int().min(1),
  samplesPerReplica: z.int().min(1),
  samples: z.int().min(1),
  requests: z.int().min(1),
  scheduleMs: z.number().positive(),
});

const StudyShape = z.object({
  samplesPerIdle: z.int().min(1),
  wallBudgetMs: z.number().positive(),
  idleTimes: z.array(IdleShape).min(1),
  totalRequests: z.int().min(1),
  scheduleMs: z.number().positive(),
});

const LocalShape = z.object({ keepAliveMs: z.number().positive() });

export function keepAliveReport(inputs: RunInputs): KeepAliveReport | null {
  const study = keepAliveStudyOf(inputs.document);
  if (study === null) return null;
  const local = LocalShape.safeParse((inputs.document?.experiment as { local?: unknown } | null)?.local);
  return {
    study,
    curve: keepAliveCurve(inputs.table, study, { resumedAtMs: resumedAtMs(inputs.document) }),
    configuredMs: local.success ? local.data.keepAliveMs : null,
  };
}

/** The study recorded in the resolved experiment, checked (the report reads files of any age). */
export function keepAliveStudyOf(document: RunDocument | null): ResolvedKeepAliveStudy | null {
  const parsed = StudyShape.safeParse((document?.experiment as { keepAlive?: unknown } | null)?.keepAlive);
  return parsed.success ? parsed.data : null;
}

/** Where each resume of the run picked up, as offsets on its timeline (the wall clock mapped onto originEpochMs). */
function resumedAtMs(document: RunDocument | null): number[] {
  if (document?.originEpochMs == null) return [];
  const origin = document.originEpochMs;
  return document.resumes.map((gap) => Date.parse(gap.resumedAt) - origin).filter((offset) => Number.isFinite(offset));
}
