import type { PlannedRound } from '../engine/study-deps.js';
import type { SubExperimentPlan } from './plan.js';

/** The plan grouped by round, the shape the engine walks: one due time, the bursts it fires. */
export function planRounds(plan: SubExperimentPlan): PlannedRound[] {
  const rounds: { round: number; offsetMs: number; bursts: PlannedRound['bursts'][number][] }[] = [];
  for (const burst of plan.bursts) {
    let current = rounds.at(-1);
    if (current === undefined || current.round !== burst.round) {
      current = { round: burst.round, offsetMs: burst.offsetMs, bursts: [] };
      rounds.push(current);
    }
    current.bursts.push({
      burstId: burst.burstId,
      endpointIndex: burst.endpointIndex,
      size: burst.size,
      desiredServiceTimeMs: burst.desiredServiceTimeMs,
    });
  }
  return rounds;
}
