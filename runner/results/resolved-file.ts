import path from 'node:path';
import type { CalibrationResult, RunInfo, RunStatus } from '../engine/events.js';
import { writeFileAtomic } from './atomic-write.js';

/**
 * experiment.resolved.json: everything needed to know what a run measured and to repeat it — the
 * resolved experiment, seed, versions, endpoints (which never hold the token), calibrations and how
 * the run ended. Written when the run starts (status `running`) and rewritten when it ends, each
 * time atomically, so a run killed at any point still leaves a readable file.
 */

export const RESOLVED_FILE_NAME = 'experiment.resolved.json';
export const RESOLVED_FORMAT_VERSION = 1;

export type ResolvedFileStatus = 'running' | RunStatus;

export interface RunProgressCounts {
  readonly bursts: number;
  readonly requests: number;
  readonly errors: number;
}

export interface ResolvedFileState {
  readonly run: RunInfo;
  readonly status: ResolvedFileStatus;
  /** Why the run failed or was interrupted, in one sentence; null otherwise. */
  readonly reason: string | null;
  /** Offset (ms from the run's origin) at which it ended; null while running. */
  readonly endMs: number | null;
  readonly calibrations: readonly CalibrationResult[];
  /** What was actually done, next to what was planned. */
  readonly done: RunProgressCounts;
}

export function resolvedExperimentDocument(state: ResolvedFileState): Record<string, unknown> {
  const { run } = state;
  return {
    formatVersion: RESOLVED_FORMAT_VERSION,
    runId: run.runId,
    status: state.status,
    reason: state.reason,
    toolVersion: run.toolVersion,
    nodeVersion: run.nodeVersion,
    seed: run.experiment.seed,
    seedGenerated: run.experiment.seedGenerated,
    originEpochMs: run.originEpochMs,
    startedAt: new Date(run.originEpochMs).toISOString(),
    endedAt: state.endMs === null ? null : new Date(run.originEpochMs + state.endMs).toISOString(),
    durationMs: state.endMs,
    planned: { bursts: run.plannedBursts, requests: run.plannedRequests, lastBurstMs: run.plannedLastBurstMs },
    done: state.done,
    experimentHash: run.experimentHash ?? null,
    endpointSource: run.endpointSource,
    endpointLocator: run.endpointLocator ?? null,
    resumes: run.resumes ?? [],
    endpoints: run.endpoints,
    calibrations: state.calibrations,
    experiment: run.experiment,
  };
}

/** Writes (or replaces) `<dir>/experiment.resolved.json`; returns its path. */
export async function writeResolvedExperiment(dir: string, state: ResolvedFileState): Promise<string> {
  const filePath = path.join(dir, RESOLVED_FILE_NAME);
  await writeFileAtomic(filePath, `${JSON.stringify(resolvedExperimentDocument(state), null, 2)}\n`);
  return filePath;
}
