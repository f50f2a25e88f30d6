import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ResolvedFileStatus } from './resolved-file.js';

/**
 * status.json: the run's pulse. While a runner works on a run it rewrites this small file (atomically)
 * every HEARTBEAT_EVERY_MS with its pid, host, progress and the time; when it is done it says so.
 * experiment.resolved.json keeps status `running` until the run ends, which is also what a killed
 * run leaves behind: this file tells the two apart.
 */

export const STATUS_FILE_NAME = 'status.json';
export const STATUS_FORMAT_VERSION = 1;
export const HEARTBEAT_EVERY_MS = 2000;
/** A heartbeat older than this means the runner is gone (or frozen): ten missed beats plus slack for a loaded machine. */
export const HEARTBEAT_STALE_MS = 30_000;

/** A run's status as a reader sees it: the file's, or `killed` for a `running` run nobody runs any more. */
export type ObservedRunStatus = ResolvedFileStatus | 'killed';

/** What the runner process is doing: measuring, writing statistics and report, or done with the run. */
export type RunnerPhase = 'running' | 'finishing' | 'exited';

export interface RunStatusDocument {
  readonly formatVersion: number;
  readonly runId: string;
  readonly phase: RunnerPhase;
  /** The run's status as experiment.resolved.json has it. */
  readonly status: ResolvedFileStatus;
  readonly pid: number;
  readonly host: string;
  /** 0 for the first process, 1 after the first resume, … */
  readonly segment: number;
  readonly heartbeatAt: string;
  readonly heartbeatEveryMs: number;
  readonly done: { readonly bursts: number; readonly requests: number; readonly errors: number };
  readonly planned: { readonly bursts: number; readonly requests: number };
}

/** How things stand, as a reader sees them. */
export type Liveness =
  | { readonly state: 'running'; readonly phase: RunnerPhase; readonly pid: number; readonly host: string; readonly heartbeatAgeMs: number }
  | { readonly state: 'killed'; readonly why: string; readonly lastSignOfLifeMs: number | null }
  | { readonly state: 'ended'; readonly status: Exclude<ResolvedFileStatus, 'running'> };

export interface LivenessFacts {
  /** `status` of experiment.resolved.json (null when unreadable). */
  readonly resolvedStatus: ResolvedFileStatus | null;
  readonly statusFile: RunStatusDocument | null;
  /** When experiment.resolved.json was last written (epoch ms): the heartbeat of runs without status.json. */
  readonly resolvedWrittenAtMs: number | null;
  readonly nowMs: number;
  readonly host: string;
  readonly isPidAlive: (pid: number) => boolean;
}

/**
 * Running means: a runner said recently that it works on this run, and, on this host, its process
 * exists. A pid on another host cannot be checked, so there the heartbeat alone decides. A pid that
 * exists with a stale heartbeat is a reused pid or a frozen runner: neither will finish the run.
 */
export function runLiveness(facts: LivenessFacts): Liveness {
  const { statusFile } = facts;
  const recorded = facts.resolvedStatus ?? statusFile?.status ?? null;
  // A runner gone after the run's end was recorded was cut off while writing the report: the run ended.
  const ended = recorded !== null && recorded !== 'running' ? ({ state: 'ended', status: recorded } as const) : null;
  if (statusFile !== null && statusFile.phase !== 'exited') {
    const beatMs = Date.parse(statusFile.heartbeatAt);
    const ageMs = Number.isFinite(beatMs) ? facts.nowMs - beatMs : Number.POSITIVE_INFINITY;
    const lastSignOfLifeMs = Number.isFinite(beatMs) ? beatMs : null;
    if (statusFile.host === facts.host && !facts.isPidAlive(statusFile.pid)) {
      return ended ?? { state: 'killed', why: `its runner (pid ${statusFile.pid}) is gone without recording an end; last heartbeat ${statusFile.heartbeatAt}`, lastSignOfLifeMs };
    }
    if (ageMs > HEARTBEAT_STALE_MS) {
      return ended ?? { state: 'killed', why: `its runner (pid ${statusFile.pid} on ${statusFile.host}) has not been heard of since ${statusFile.heartbeatAt}`, lastSignOfLifeMs };
    }
    return { state: 'running', phase: statusFile.phase, pid: statusFile.pid, host: statusFile.host, heartbeatAgeMs: Math.max(0, ageMs) };
  }
  if (ended !== null) return ended;
  // `running` with no live heartbeat: a run from before status.json, or one killed before its first beat.
  if (statusFile === null && facts.resolvedWrittenAtMs !== null && facts.nowMs - facts.resolvedWrittenAtMs <= HEARTBEAT_STALE_MS) {
    return { state: 'running', phase: 'running', pid: -1, host: facts.host, heartbeatAgeMs: facts.nowMs - facts.resolvedWrittenAtMs };
  }
  return { state: 'killed', why: 'it never recorded an end and no runner is working on it', lastSignOfLifeMs: statusFile === null ? facts.resolvedWrittenAtMs : Date.parse(statusFile.heartbeatAt) };
}

export function isPidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** status.json of a run folder, or null when it is missing or unreadable. */
export async function readRunStatusFile(runDir: string): Promise<RunStatusDocument | null> {
  try {
    const parsed = JSON.parse(await readFile(path.join(runDir, STATUS_FILE_NAME), 'utf8')) as Partial<RunStatusDocument>;
    if (typeof parsed.pid !== 'number' || typeof parsed.heartbeatAt !== 'string' || typeof parsed.phase !== 'string') return null;
    return parsed as RunStatusDocument;
  } catch {
    return null;
  }
}

/** Liveness of the run in `runDir`, read from its files now. */
export async function readRunLiveness(runDir: string, resolvedStatus: ResolvedFileStatus | null, resolvedFile: string): Promise<Liveness> {
  const statusFile = await readRunStatusFile(runDir);
  const resolvedWrittenAtMs = await stat(resolvedFile).then(
    (info) => info.mtimeMs,
    () => null,
  );
  return runLiveness({ resolvedStatus, statusFile, resolvedWrittenAtMs, nowMs: Date.now(), host: os.hostname(), isPidAlive });
}
