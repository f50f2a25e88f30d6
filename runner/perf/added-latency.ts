import { type DispatchContext, prepareBurst, type ProbeOutcome, type ProbeRequest } from '../dispatch/index.js';
import { quantileSorted, sortAscending } from '../stats/index.js';
import { rawLatencyMs, rawOptions } from './raw-client.js';

export interface Percentiles {
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface LatencyFigures {
  readonly requests: number;
  readonly runner: Percentiles;
  readonly raw: Percentiles;
}

/**
 * The runner's probe (fresh connections, prepared then fired as in a burst, latency as it records
 * it: end − dispatched) against a bare node:http request, one after the other, alternating which
 * goes first so neither always meets a server that has just served the other.
 */
export async function measureAddedLatency(url: string, context: DispatchContext, requests: number, warmUp: number): Promise<LatencyFigures> {
  const options = rawOptions(url);
  const request: ProbeRequest = { url, token: 'perf-token-0123456789', payload: null, connection: 'fresh', timeoutMs: 10_000 };
  const runnerLatencyMs = async () => {
    const burst = await prepareBurst([request], context);
    const outcome = await (burst.fire()[0] as Promise<ProbeOutcome>);
    if (outcome.errorCode !== null) throw new Error(`the runner's probe failed: ${outcome.errorCode} ${outcome.errorMessage ?? ''}`);
    return outcome.endMs - outcome.dispatchedMs;
  };
  const runner: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < warmUp + requests; i++) {
    let runnerMs: number;
    let rawMs: number;
    if (i % 2 === 0) {
      runnerMs = await runnerLatencyMs();
      rawMs = await rawLatencyMs(options);
    } else {
      rawMs = await rawLatencyMs(options);
      runnerMs = await runnerLatencyMs();
    }
    if (i < warmUp) continue;
    runner.push(runnerMs);
    raw.push(rawMs);
  }
  return { requests, runner: percentiles(runner), raw: percentiles(raw) };
}

function percentiles(values: readonly number[]): Percentiles {
  const sorted = sortAscending(values);
  return { p50Ms: quantileSorted(sorted, 0.5), p99Ms: quantileSorted(sorted, 0.99) };
}
