import { type DispatchContext, prepareBurst, type ProbeOutcome, type ProbeRequest, waitUntil } from '../dispatch/index.js';
import { medianSorted, sortAscending } from '../stats/index.js';
import { rawLatencyMs, rawOptions } from './raw-client.js';

export interface SpacedLatencyFigures {
  readonly requests: number;
  readonly spacingMs: number;
  /** Median latencies, ms. */
  readonly runnerMs: number;
  readonly rawMs: number;
}

/** How long before its due time the runner's request is prepared (the engine prepares far earlier). */
const PREPARE_LEAD_MS = 20;

/**
 * Added latency when requests are spaced out, as a study sends them: each client sends one request
 * every `spacingMs`, the runner's probe (prepared ahead, fired by waitUntil at its due time, latency
 * as it records it: end − dispatched) and a bare node:http request (started by a setTimeout) half a
 * period apart, so both meet the same machine, the same responder and the same idle CPU between
 * requests, which back-to-back sending hides.
 */
export async function measureSpacedLatency(
  url: string,
  context: DispatchContext,
  requests: number,
  warmUp: number,
  spacingMs: number,
): Promise<SpacedLatencyFigures> {
  const options = rawOptions(url);
  const request: ProbeRequest = { url, token: 'perf-token-0123456789', payload: null, connection: 'fresh', timeoutMs: 10_000 };
  const { clock } = context;
  const runner: number[] = [];
  const raw: number[] = [];
  const startMs = clock.nowMs() + spacingMs;
  for (let i = 0; i < warmUp + requests; i++) {
    const dueMs = startMs + i * spacingMs;
    await waitUntil(clock, dueMs - PREPARE_LEAD_MS);
    const burst = await prepareBurst([request], context);
    await waitUntil(clock, dueMs);
    const outcome = await (burst.fire()[0] as Promise<ProbeOutcome>);
    if (outcome.errorCode !== null) throw new Error(`the runner's probe failed: ${outcome.errorCode} ${outcome.errorMessage ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueMs + spacingMs / 2 - clock.nowMs())));
    const rawMs = await rawLatencyMs(options);
    if (i < warmUp) continue;
    runner.push(outcome.endMs - outcome.dispatchedMs);
    raw.push(rawMs);
  }
  return { requests, spacingMs, runnerMs: medianSorted(sortAscending(runner)), rawMs: medianSorted(sortAscending(raw)) };
}
