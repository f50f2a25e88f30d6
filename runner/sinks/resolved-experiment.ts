import { UserError } from '../../experiments/schema/user-error.js';
import type { CalibrationResult, RunEvent, RunInfo, RunListener } from '../engine/events.js';
import { RESOLVED_FILE_NAME, type ResolvedFileState, writeResolvedExperiment } from '../results/resolved-file.js';

/**
 * Keeps experiment.resolved.json in step with the run: written at run-start (status `running`), after
 * each calibration, and at run-end with the status, reason, calibrations and counts. Writes are queued in order.
 * If close() comes without a run-end (the engine threw), the file says `interrupted` rather than
 * claiming the run is still going.
 */

export interface ResolvedExperimentWriter {
  readonly listener: RunListener;
  /** Waits for every queued write; rejects with the first write that failed. Idempotent. */
  close(): Promise<void>;
}

export const MISSING_RUN_END_REASON = 'the run stopped without reporting how it ended';

/** What earlier segments of a resumed run recorded, carried into the rewritten file. */
export interface ResolvedCarryOver {
  readonly calibrations: readonly CalibrationResult[];
  readonly done: { readonly bursts: number; readonly requests: number; readonly errors: number };
}

export function createResolvedExperimentWriter(dir: string, carried?: ResolvedCarryOver): ResolvedExperimentWriter {
  let run: RunInfo | null = null;
  let ended = false;
  const calibrations: CalibrationResult[] = [...(carried?.calibrations ?? [])];
  const done = { bursts: 0, requests: 0, errors: 0, ...carried?.done };
  let queue: Promise<void> = Promise.resolve();
  let failure: unknown = null;

  const write = (state: Omit<ResolvedFileState, 'run' | 'calibrations' | 'done'>): void => {
    if (run === null) return;
    // Snapshot now: the write runs later, after more events may have arrived.
    const snapshot: ResolvedFileState = { ...state, run, calibrations: [...calibrations], done: { ...done } };
    queue = queue.then(async () => {
      try {
        await writeResolvedExperiment(dir, snapshot);
      } catch (error) {
        failure ??= error;
      }
    });
  };

  const listener: RunListener = (event: RunEvent) => {
    switch (event.type) {
      case 'run-start':
        run = event.run;
        write({ status: 'running', reason: null, endMs: null });
        return;
      case 'calibration':
        calibrations.push(event.calibration);
        // Once per sub-experiment, before its first round: a killed run's report still shows it.
        write({ status: 'running', reason: null, endMs: null });
        return;
      case 'request':
        done.requests += 1;
        if (!event.record.ok) done.errors += 1;
        return;
      case 'burst-end':
        done.bursts += 1;
        return;
      case 'run-end':
        ended = true;
        write({ status: event.status, reason: event.reason, endMs: event.endMs });
        return;
      default:
        return;
    }
  };

  let closing: Promise<void> | null = null;
  const close = async (): Promise<void> => {
    if (!ended) write({ status: 'interrupted', reason: MISSING_RUN_END_REASON, endMs: null });
    await queue;
    if (failure !== null) {
      const code = (failure as NodeJS.ErrnoException).code;
      throw new UserError(`${RESOLVED_FILE_NAME} in ${dir} could not be written: ${code ?? String(failure)}.`);
    }
  };
  return { listener, close: () => (closing ??= close()) };
}
