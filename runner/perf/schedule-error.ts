import { medianSorted, sortAscending } from '../stats/index.js';
import { type GapErrorFigures, gapErrorsMs, summarizeGapErrors } from './gap-error.js';
import { rawOptions, rawSchedule } from './raw-client.js';
import type { Responder } from './responder.js';
import { type GcFigures, runRunPath } from './run-path.js';

const WARM_UP_ROUNDS = 50;
const WARM_UP_IAT_MS = 10;

export interface ScheduleFigures {
  readonly rounds: number;
  readonly iatMs: number;
  readonly runner: ClientScheduleFigures;
  readonly raw: ClientScheduleFigures;
  readonly runnerGc: GcFigures;
}

export interface ClientScheduleFigures {
  /** Gap errors as the responder saw the arrivals. */
  readonly gapError: GapErrorFigures;
  readonly medianLatencyMs: number;
}

/**
 * How closely arrivals at the server keep the planned gaps: the runner's real run path (engine,
 * live dependencies, every sink) at a fixed IAT with fresh connections, then a bare node:http loop
 * driven by setTimeout on the same plan, one after the other so neither disturbs the other. The
 * responder, in its own process, stamps each arrival on CLOCK_MONOTONIC; only gaps are compared.
 */
export async function measureScheduleError(responder: Responder, rounds: number, iatMs: number): Promise<ScheduleFigures> {
  // A run's first requests meet a cold process (compiling, the heap still growing); a real run
  // warms up in calibration. A short run first, so the figures are of the steady state.
  await runRunPath(responder.arrivalsUrl('warm-up'), WARM_UP_ROUNDS, WARM_UP_IAT_MS);
  await responder.takeArrivals('warm-up');
  const run = await runRunPath(responder.arrivalsUrl('runner'), rounds, iatMs);
  if (run.errors > 0) throw new Error(`${run.errors} requests of the runner's run failed`);
  const runnerArrivals = await responder.takeArrivals('runner');
  const bare = await rawSchedule(rawOptions(responder.arrivalsUrl('raw')), rounds, iatMs);
  const rawArrivals = await responder.takeArrivals('raw');
  const figures = (plannedMs: readonly number[], arrivals: readonly number[], latenciesMs: readonly number[]): ClientScheduleFigures => ({
    gapError: summarizeGapErrors(gapErrorsMs(plannedMs, arrivals)),
    medianLatencyMs: medianSorted(sortAscending(latenciesMs)),
  });
  return {
    rounds,
    iatMs,
    runner: figures(run.plannedMs, runnerArrivals, run.latenciesMs),
    raw: figures(bare.plannedMs, rawArrivals, bare.latenciesMs),
    runnerGc: run.gc,
  };
}
