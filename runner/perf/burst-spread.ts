import { burstSpreads, type DispatchContext, prepareBurst, type ProbeRequest } from '../dispatch/index.js';
import { medianSorted, sortAscending } from '../stats/index.js';
import { rawBurst, rawOptions } from './raw-client.js';

export interface SpreadFigures {
  readonly size: number;
  readonly bursts: number;
  /** Medians over the bursts, ms. */
  readonly runner: { readonly dispatchMs: number; readonly sentMs: number };
  readonly raw: { readonly dispatchMs: number; readonly sentMs: number };
}

/**
 * Dispatch spread (first to last request handed to `request()`) and sent spread (first to last
 * request fully written) of bursts of `size` fresh connections: the runner's prepared burst
 * against a naive node:http loop, alternating, each burst completing before the next.
 */
export async function measureBurstSpread(url: string, context: DispatchContext, size: number, bursts: number, warmUp: number): Promise<SpreadFigures> {
  const options = rawOptions(url);
  const request: ProbeRequest = { url, token: 'perf-token-0123456789', payload: null, connection: 'fresh', timeoutMs: 30_000 };
  const requests = Array.from({ length: size }, () => request);
  const runner = { dispatch: [] as number[], sent: [] as number[] };
  const raw = { dispatch: [] as number[], sent: [] as number[] };
  for (let i = 0; i < warmUp + bursts; i++) {
    const prepared = await prepareBurst(requests, context);
    const outcomes = await Promise.all(prepared.fire());
    const failed = outcomes.find((o) => o.errorCode !== null);
    if (failed !== undefined) throw new Error(`a runner burst of ${size} failed: ${failed.errorCode} ${failed.errorMessage ?? ''}`);
    const ours = burstSpreads(outcomes);
    const theirs = await rawBurst(options, size);
    if (i < warmUp) continue;
    runner.dispatch.push(ours.dispatchSpreadMs);
    runner.sent.push(ours.sentSpreadMs ?? Number.NaN);
    raw.dispatch.push(theirs.dispatchSpreadMs);
    raw.sent.push(theirs.sentSpreadMs);
  }
  const median = (values: number[]) => medianSorted(sortAscending(values));
  return {
    size,
    bursts,
    runner: { dispatchMs: median(runner.dispatch), sentMs: median(runner.sent) },
    raw: { dispatchMs: median(raw.dispatch), sentMs: median(raw.sent) },
  };
}
