import { medianSorted, sortAscending } from '../stats/index.js';
import { rawOptions, rawSchedule } from './raw-client.js';
import type { Responder } from './responder.js';
import { runRunPath } from './run-path.js';

export interface SpacedLatencyFigures {
  readonly requests: number;
  readonly spacingMs: number;
  /** Median latencies, ms: the run path's records and the bare client's own timing. */
  readonly runnerMs: number;
  readonly rawMs: number;
  /** Median of runner − raw over the pairs sent 50 ms apart: steadier than the difference of medians when the machine's load drifts. */
  readonly pairedAddedMs: number;
}

/**
 * Added latency when requests are spaced out, as a study sends them: the runner's whole run path
 * (engine, live dependencies, every sink; latency as the CSV records it: end − dispatched) sends one
 * request every `spacingMs`, and in the same process a bare node:http client driven by setTimeout
 * sends one every `spacingMs` too, half a period later. Both meet the same machine, the same
 * responder and the same idle CPU between requests, which back-to-back sending hides; what the
 * runner does around each request (preparing the next round, records, sinks) shows in its median.
 */
export async function measureSpacedLatency(responder: Responder, requests: number, spacingMs: number): Promise<SpacedLatencyFigures> {
  // The bare client starts half a period after the run path's first burst, whenever that is.
  let startRaw: () => void = () => {};
  const firstBurst = new Promise<void>((resolve) => (startRaw = resolve));
  const [run, raw] = await Promise.all([
    runRunPath(responder.arrivalsUrl('spaced-runner'), requests, spacingMs, (event) => {
      if (event.type === 'burst-start') startRaw();
    }),
    firstBurst.then(() => rawSchedule(rawOptions(responder.arrivalsUrl('spaced-raw')), requests, spacingMs, spacingMs / 2)),
  ]);
  await Promise.all([responder.takeArrivals('spaced-runner'), responder.takeArrivals('spaced-raw')]);
  if (run.errors > 0) throw new Error(`${run.errors} requests of the runner's run failed`);
  // One request per round on both sides: completion order is schedule order, request i pairs with i.
  const paired = run.latenciesMs.map((ms, i) => ms - (raw.latenciesMs[i] as number));
  return {
    requests,
    spacingMs,
    runnerMs: medianSorted(sortAscending(run.latenciesMs)),
    rawMs: medianSorted(sortAscending(raw.latenciesMs)),
    pairedAddedMs: medianSorted(sortAscending(paired)),
  };
}
