import path from 'node:path';
import type { CalibrationResult } from '../engine/events.js';
import type { ResolvedExperiment } from '../../experiments/schema/index.js';
import type { ObservedRunStatus } from '../results/run-status.js';
import type { RunGap } from './resolved-document.js';
import type { RunInputs } from './run-inputs.js';

/**
 * The facts the report's header states about a run, from experiment.resolved.json where it is there
 * and from the requests' table otherwise. Pure; "unknown" is represented as null and worded by the HTML.
 */

export type ReportedStatus = ObservedRunStatus | 'unknown';

export interface RunFacts {
  readonly runId: string;
  readonly experimentTitle: string;
  readonly experimentFile: string | null;
  readonly description: string | null;
  readonly status: ReportedStatus;
  readonly reason: string | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly durationMs: number | null;
  /** Offset of the last response (ms from the origin): a lower bound on the duration when the end was not recorded. */
  readonly lastResponseMs: number | null;
  readonly seed: number | null;
  readonly seedGenerated: boolean;
  readonly toolVersion: string | null;
  readonly nodeVersion: string | null;
  readonly vendor: string | null;
  readonly regions: readonly string[];
  readonly endpointSource: string | null;
  readonly requests: number;
  readonly failedRequests: number;
  readonly calibrations: readonly CalibrationResult[];
  readonly experiment: ResolvedExperiment | null;
  readonly originEpochMs: number | null;
  /** Why experiment.resolved.json was not used, or null. */
  readonly documentProblem: string | null;
  /** Gaps where the run stopped and was resumed. */
  readonly resumes: readonly RunGap[];
}

export function runFacts({ runDir, table, document, documentProblem }: RunInputs): RunFacts {
  const experiment = document?.experiment ?? null;
  return {
    runId: document?.runId ?? path.basename(path.resolve(runDir)),
    experimentTitle: experiment?.title ?? path.basename(path.dirname(path.resolve(runDir))),
    experimentFile: experiment?.file ?? null,
    description: experiment?.description ?? null,
    status: document?.status ?? 'unknown',
    reason: document?.reason ?? null,
    startedAt: document?.startedAt ?? null,
    endedAt: document?.endedAt ?? null,
    durationMs: document?.durationMs ?? null,
    lastResponseMs: table.rows === 0 ? null : table.lastEndMs,
    seed: experiment?.seed ?? null,
    seedGenerated: experiment?.seedGenerated ?? false,
    toolVersion: document?.toolVersion ?? null,
    nodeVersion: document?.nodeVersion ?? null,
    vendor: experiment?.vendor ?? table.vendors[0] ?? null,
    regions: document !== null && document.regions.length > 0 ? document.regions : table.regions,
    endpointSource: document?.endpointSource ?? null,
    requests: table.rows,
    failedRequests: table.failed,
    calibrations: document?.calibrations ?? [],
    experiment,
    originEpochMs: document?.originEpochMs ?? null,
    documentProblem,
    resumes: document?.resumes ?? [],
  };
}
