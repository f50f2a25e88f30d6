import type { AgentPool } from './agents.js';
import type { RunClock } from './clock.js';
import { Flight } from './flight.js';
import type { ProbeOutcome } from './outcome.js';
import type { ProbeRequest } from './probe-request.js';
import { hostnameOf, type PreparedTarget, prepareTarget } from './prepared-target.js';
import { type HostResolver, type Resolution, resolveHost, systemResolver } from './resolve-host.js';

export interface DispatchContext {
  readonly clock: RunClock;
  readonly agents: AgentPool;
  /** Defaults to the system resolver (getaddrinfo). */
  readonly resolver?: HostResolver;
}

/** A burst made ready before its deadline: firing it does nothing but send. */
export interface PreparedBurst {
  readonly size: number;
  /**
   * Sends every request in one synchronous loop; one promise per request, in request order.
   * Aborting `signal` ends the requests still in flight as ABORTED. Fires once.
   */
  fire(signal?: AbortSignal): Promise<ProbeOutcome>[];
}

export interface BurstOutcome {
  readonly outcomes: readonly ProbeOutcome[];
  /** First to last request handed to `request()`: the client's dispatch spread. */
  readonly dispatchSpreadMs: number;
  /** First to last request fully written; null when fewer than one was. */
  readonly sentSpreadMs: number | null;
}

/**
 * Resolves each hostname once (all its addresses, round-robin over the requests) and builds the
 * request options, so the fire loop allocates as little as possible. Never rejects: a DNS
 * failure turns into requests that fail at dispatch with the resolver's code.
 */
export async function prepareBurst(requests: readonly ProbeRequest[], context: DispatchContext): Promise<PreparedBurst> {
  const resolver = context.resolver ?? systemResolver;
  const resolutions = new Map<string, Promise<Resolution>>();
  const targets = new Map<string, Promise<PreparedTarget>>();
  const payloads = new Map<Uint8Array, number>();
  const payloadKey = (payload: Uint8Array | null): number => {
    if (payload === null) return -1;
    if (!payloads.has(payload)) payloads.set(payload, payloads.size);
    return payloads.get(payload) as number;
  };
  const targetOf = (request: ProbeRequest): Promise<PreparedTarget> => {
    // Requests that differ in nothing share one target (the usual burst: N identical requests).
    const key = [request.connection, request.timeoutMs, payloadKey(request.payload), request.token, request.url].join('\n');
    let target = targets.get(key);
    if (target === undefined) {
      const hostname = hostnameOfText(request.url);
      let resolution = resolutions.get(hostname);
      if (resolution === undefined) {
        // An unparsable URL fails in prepareTarget; there is nothing to resolve.
        resolution = hostname === '' ? Promise.resolve(NO_RESOLUTION) : resolveHost(hostname, resolver, context.clock);
        resolutions.set(hostname, resolution);
      }
      target = resolution.then((resolved) => prepareTarget(request, resolved, context.agents));
      targets.set(key, target);
    }
    return target;
  };
  const prepared = await Promise.all(requests.map(targetOf));
  // Requests to the same target rotate over its addresses in their order within the burst.
  const slots = new Map<PreparedTarget, number>();
  const flights = prepared.map((target) => {
    const slot = slots.get(target) ?? 0;
    slots.set(target, slot + 1);
    return new Flight(target, slot, context.clock);
  });
  const outcomes = flights.map((flight) => flight.outcome);
  let fired = false;

  return {
    size: flights.length,
    fire(signal) {
      if (fired) throw new Error('a prepared burst fires once');
      fired = true;
      if (signal?.aborted === true) {
        for (const flight of flights) flight.abortUnsent();
        return outcomes;
      }
      // The loop that sets the dispatch spread: nothing in it but starting requests.
      for (let i = 0; i < flights.length; i++) (flights[i] as Flight).start();
      if (signal !== undefined) abortOnSignal(flights, outcomes, signal);
      return outcomes;
    },
  };
}

const NO_RESOLUTION: Resolution = { ok: true, addresses: null, dnsMs: null };

/** Prepares and fires at once, then waits for every request: the burst as one result. */
export async function dispatchBurst(
  requests: readonly ProbeRequest[],
  context: DispatchContext,
  signal?: AbortSignal,
): Promise<BurstOutcome> {
  const burst = await prepareBurst(requests, context);
  const outcomes = await Promise.all(burst.fire(signal));
  return { outcomes, ...burstSpreads(outcomes) };
}

/** Dispatch and sent spreads of a burst's outcomes. */
export function burstSpreads(outcomes: readonly ProbeOutcome[]): Omit<BurstOutcome, 'outcomes'> {
  let firstDispatch = Infinity;
  let lastDispatch = -Infinity;
  let firstSent = Infinity;
  let lastSent = -Infinity;
  for (const o of outcomes) {
    firstDispatch = Math.min(firstDispatch, o.dispatchedMs);
    lastDispatch = Math.max(lastDispatch, o.dispatchedMs);
    if (o.sentMs !== null) {
      firstSent = Math.min(firstSent, o.sentMs);
      lastSent = Math.max(lastSent, o.sentMs);
    }
  }
  return {
    dispatchSpreadMs: outcomes.length === 0 ? 0 : lastDispatch - firstDispatch,
    sentSpreadMs: firstSent === Infinity ? null : lastSent - firstSent,
  };
}

/** One listener per burst, not per request: a thousand listeners on one signal would be a leak warning. */
function abortOnSignal(flights: readonly Flight[], outcomes: readonly Promise<ProbeOutcome>[], signal: AbortSignal): void {
  const abortAll = () => {
    for (const flight of flights) flight.abort();
  };
  signal.addEventListener('abort', abortAll, { once: true });
  void Promise.all(outcomes).then(() => signal.removeEventListener('abort', abortAll));
}

function hostnameOfText(url: string): string {
  try {
    return hostnameOf(new URL(url));
  } catch {
    return '';
  }
}
