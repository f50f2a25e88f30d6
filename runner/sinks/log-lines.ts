import type { BurstSummary, CalibrationResult, RunInfo, RunStatus } from '../engine/events.js';

/**
 * The sentences run.log and the console use for each event, as pure functions. They name
 * sub-experiments, counts and times, never URLs or headers: the log must stay free of anything a
 * token could hide in.
 */

export interface SubExperimentTally {
  bursts: number;
  requests: number;
  errors: number;
  cold: number;
  warm: number;
  /** Failed requests by error code. */
  errorCounts: Record<string, number>;
}

export function emptyTally(): SubExperimentTally {
  return { bursts: 0, requests: 0, errors: 0, cold: 0, warm: 0, errorCounts: {} };
}

export function runStartLine(run: RunInfo, endpointCount: number): string {
  const { experiment } = run;
  const seed = `seed ${experiment.seed}${experiment.seedGenerated ? ' (drawn for this run)' : ''}`;
  return (
    `faasbench ${run.toolVersion}: run ${run.runId} of "${experiment.title}" on ${experiment.vendor} ` +
    `(${plural(experiment.subExperiments.length, 'sub-experiment')}, ${plural(endpointCount, 'endpoint')} from ${run.endpointSource}): ` +
    `${plural(run.plannedRequests, 'request')} in ${plural(run.plannedBursts, 'burst')} over ${durationText(run.plannedLastBurstMs)}, ${seed}`
  );
}

export function calibrationLine(calibration: CalibrationResult): string {
  if (calibration.problem !== null) return `${calibration.subExperiment}: calibration failed, no busy-spin will be sent: ${calibration.problem}`;
  const points = calibration.points
    .map((p) => `${p.desiredServiceTimeMs} ms → ${p.spinIncrements} (achieved ${msText(p.achievedServiceTimeMs)})`)
    .join(', ');
  const rate = calibration.incrementsPerMs === null ? 'no spin needed' : `${calibration.incrementsPerMs.toFixed(1)} increments/ms`;
  const clock = calibration.timedBy === 'client' ? ' (timed by the client: the function cannot time itself)' : '';
  return `${calibration.subExperiment}: calibrated with ${plural(calibration.requestsSent, 'request')}${clock}, ${rate}${points === '' ? '' : `; ${points}`}`;
}

export function burstLine(summary: BurstSummary): string {
  return (
    `${summary.subExperiment} burst ${summary.burstId} (round ${summary.round}, ${summary.size} to endpoint ${summary.endpointIndex}): ` +
    `${summary.ok} ok, ${plural(summary.errors, 'error')}, cold ${summary.cold}, warm ${summary.warm}, ` +
    `median ${msText(summary.medianLatencyMs)}, max ${msText(summary.maxLatencyMs)}`
  );
}

export function subExperimentEndLine(title: string, tally: SubExperimentTally): string {
  return (
    `${title} done: ${plural(tally.requests, 'request')} in ${plural(tally.bursts, 'burst')}, ` +
    `${plural(tally.errors, 'error')}${errorCountsText(tally.errorCounts)}, cold ${tally.cold}, warm ${tally.warm}`
  );
}

export function runEndLine(runId: string, status: RunStatus, reason: string | null, endMs: number, total: SubExperimentTally): string {
  const why = reason === null ? '' : `: ${reason}`;
  return `run ${runId} ${status}${why} after ${durationText(endMs)}; ${plural(total.requests, 'request')}, ${plural(total.errors, 'error')}${errorCountsText(total.errorCounts)}`;
}

export function msText(ms: number | null): string {
  return ms === null ? '–' : `${ms.toFixed(1)} ms`;
}

/** 850 ms, 12.3 s, 4 min 05 s, 2 h 03 min: precise enough for a log line. */
export function durationText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
  const totalMinutes = Math.round(totalSeconds / 60);
  return `${Math.floor(totalMinutes / 60)} h ${String(totalMinutes % 60).padStart(2, '0')} min`;
}

function errorCountsText(counts: Readonly<Record<string, number>>): string {
  const entries = Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1));
  return entries.length === 0 ? '' : ` (${entries.map(([code, n]) => `${code} ${n}`).join(', ')})`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
