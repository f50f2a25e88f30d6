import type { ResolvedExperiment } from '../../experiments/schema/index.js';
import type { CalibrationResult } from './events.js';
import { PREPARE_LEAD_MS } from './run-study.js';
import type { PlannedRound, StudyDeps, StudyResume } from './study-deps.js';

/**
 * Where a resumed run picks up, from what the dispatch journal says was sent and what
 * latencies.csv says was measured. Pure: time comes in as `nowMs` on the run timeline.
 *
 * - A round the journal lists as dispatched is never sent again. Its requests without a row were
 *   in flight when the runner died (or their rows had not reached the file): they become LOST.
 * - The remaining rounds keep their planned offsets relative to each other: every sub-experiment
 *   that had started is moved by one common shift, the smallest that puts the first remaining
 *   round at least `leadMs` after `nowMs` (no shift when that round is still ahead). Sub-experiments
 *   that had not started begin after the resume, as they would have.
 */

/** A dispatched round as the journal records it. */
export interface DispatchedRound {
  readonly subExperimentIndex: number;
  readonly round: number;
  readonly scheduledMs: number;
  readonly spinIncrements: number;
  readonly burstIds: readonly number[];
}

/** What the journal of every earlier segment adds up to. */
export interface JournalState {
  /** The last calibration per sub-experiment. */
  readonly calibrations: ReadonlyMap<number, CalibrationResult>;
  /** The last start per sub-experiment (run timeline). */
  readonly starts: ReadonlyMap<number, number>;
  /** Dispatched (and not cancelled) bursts: sub-experiment index → burst id → its round. */
  readonly dispatched: ReadonlyMap<number, ReadonlyMap<number, DispatchedRound>>;
}

/** Requests of one dispatched burst that have no row. */
export interface LostBurst {
  readonly subExperimentIndex: number;
  readonly burstId: number;
  readonly round: number;
  readonly endpointIndex: number;
  readonly size: number;
  readonly desiredServiceTimeMs: number;
  readonly spinIncrements: number;
  readonly scheduledMs: number;
  readonly missingIndexes: readonly number[];
}

export interface ResumePlan {
  readonly resume: StudyResume;
  readonly lost: readonly LostBurst[];
  /** What is left to send. */
  readonly remaining: { readonly rounds: number; readonly bursts: number; readonly requests: number };
  /** How far the remaining rounds of the started sub-experiments moved (ms, ≥ 0). */
  readonly shiftMs: number;
  /** Sub-experiments that will calibrate again (none recorded), by index. */
  readonly recalibrate: readonly number[];
}

export interface ResumeInput {
  readonly experiment: ResolvedExperiment;
  readonly plan: StudyDeps['plan'];
  readonly journal: JournalState;
  /** Rows in latencies.csv: `${sub}/${burst}` → the indexes in burst that have one. */
  readonly rows: ReadonlyMap<string, ReadonlySet<number>>;
  readonly nowMs: number;
  /** The first remaining round is due no earlier than nowMs + leadMs. */
  readonly leadMs?: number;
}

/** Lead before the first resumed round: time to prepare it, plus a margin for the resume's own start. */
export const RESUME_LEAD_MS = PREPARE_LEAD_MS + 1000;

export function rowKey(subExperimentIndex: number, burstId: number): string {
  return `${subExperimentIndex}/${burstId}`;
}

export function planResume(input: ResumeInput): ResumePlan {
  const { experiment, journal, rows } = input;
  const lost: LostBurst[] = [];
  const dispatched = new Map<number, Set<number>>();
  const remaining = { rounds: 0, bursts: 0, requests: 0 };
  const nextDue: { sub: number; dueMs: number }[] = [];
  const recalibrate: number[] = [];

  for (const sub of experiment.subExperiments) {
    const rounds: readonly PlannedRound[] = input.plan(sub, experiment.seed);
    const sent = new Set<number>();
    const journaled = journal.dispatched.get(sub.index);
    let firstRemaining: PlannedRound | null = null;
    for (const round of rounds) {
      // A row proves its burst left, journal or not (a run from before the journal, say).
      const roundSent = round.bursts.some((burst) => journaled?.has(burst.burstId) === true || rows.has(rowKey(sub.index, burst.burstId)));
      if (!roundSent) {
        firstRemaining ??= round;
        remaining.rounds += 1;
        remaining.bursts += round.bursts.length;
        remaining.requests += round.bursts.reduce((sum, burst) => sum + burst.size, 0);
        continue;
      }
      for (const burst of round.bursts) {
        sent.add(burst.burstId);
        const have = rows.get(rowKey(sub.index, burst.burstId));
        const missingIndexes = Array.from({ length: burst.size }, (_, i) => i).filter((i) => have?.has(i) !== true);
        if (missingIndexes.length === 0) continue;
        const entry = journaled?.get(burst.burstId);
        lost.push({
          subExperimentIndex: sub.index,
          burstId: burst.burstId,
          round: round.round,
          endpointIndex: burst.endpointIndex,
          size: burst.size,
          desiredServiceTimeMs: burst.desiredServiceTimeMs,
          spinIncrements: entry?.spinIncrements ?? 0,
          scheduledMs: entry?.scheduledMs ?? (journal.starts.get(sub.index) ?? 0) + round.offsetMs,
          missingIndexes,
        });
      }
    }
    dispatched.set(sub.index, sent);
    if (firstRemaining === null) continue;
    if (!journal.calibrations.has(sub.index)) recalibrate.push(sub.index);
    const start = journal.starts.get(sub.index);
    if (start !== undefined) nextDue.push({ sub: sub.index, dueMs: start + firstRemaining.offsetMs });
  }

  // Sequentially, only the first unfinished sub-experiment picks up where it was; later ones start afresh.
  const moving = experiment.execution === 'sequential' ? nextDue.slice(0, 1) : nextDue;
  const earliest = Math.min(...moving.map((m) => m.dueMs));
  const shiftMs = moving.length === 0 ? 0 : Math.max(0, input.nowMs + (input.leadMs ?? RESUME_LEAD_MS) - earliest);
  const startMs = new Map<number, number>();
  for (const { sub } of moving) startMs.set(sub, (journal.starts.get(sub) as number) + shiftMs);

  return {
    resume: { calibrations: journal.calibrations, dispatched, startMs },
    lost,
    remaining,
    shiftMs,
    recalibrate,
  };
}
