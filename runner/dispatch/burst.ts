import { type FamilyChoices, narrowToFamily } from './address-family.js';
import type { AgentPool } from './agents.js';
import type { RunClock } from './clock.js';
import { FlightGroup } from './flight-group.js';
import type { ProbeOutcome } from './outcome.js';
import type { ProbeRequest } from './probe-request.js';
import { hostnameOf, type PreparedTarget, prepareTarget } from './prepared-target.js';
import { type HostResolver, type Resolution, resolveHost, systemResolver } from './resolve-host.js';

export interface DispatchContext {
  readonly clock: RunClock;
  readonly agents: AgentPool;
  /** Defaults to the system resolver (getaddrinfo with AI_ADDRCONFIG). */
  readonly resolver?: HostResolver;
  /**
   * The family `addressFamily: "any"` settled on per hostname: give one map per run, so the run
   * keeps the first answer's family throughout. Without it the choice is made per burst.
   */
  readonly familyChoices?: FamilyChoices;
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

export interface PrepareOptions {
  /**
   * Building the requests (the part that costs CPU) waits for this; DNS starts at once. The live
   * dependencies hold it back while requests are in flight, whose responses it would delay.
   */
  readonly buildAfter?: Promise<unknown>;
}

/**
 * Resolves each hostname once (its addresses of the request's family, round-robin over the
 * requests) and builds the request options, so the fire loop allocates as little as possible.
 * Never rejects: a DNS failure, or a name without an address of the family, turns into requests
 * that fail at dispatch with the resolver's code (ENOTFOUND).
 */
export async function prepareBurst(requests: readonly ProbeRequest[], context: DispatchContext, options: PrepareOptions = {}): Promise<PreparedBurst> {
  const buildAfter = options.buildAfter ?? Promise.resolve();
  const resolver = context.resolver ?? systemResolver;
  const familyChoices = context.familyChoices ?? new Map();
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
    const family = request.addressFamily ?? 'ipv4';
    const key = [request.connection, request.timeoutMs, family, payloadKey(request.payload), request.token, request.url].join('\n');
    let target = targets.get(key);
    if (target === undefined) {
      const hostname = hostnameOfText(request.url);
      let resolution = resolutions.get(hostname);
      if (resolution === undefined) {
        // An unparsable URL fails in prepareTarget; there is nothing to resolve.
        resolution = hostname === '' ? Promise.resolve(NO_RESOLUTION) : resolveHost(hostname, resolver, context.clock);
        resolutions.set(hostname, resolution);
      }
      target = Promise.all([resolution, buildAfter]).then(([resolved]) =>
        prepareTarget(request, narrowToFamily(hostname, resolved, family, familyChoices), context.agents),
      );
      targets.set(key, target);
    }
    return target;
  };
  const group = new FlightGroup(await Promise.all(requests.map(targetOf)), context.clock);
  const outcomes = group.outcomes();
  return {
    size: group.size,
    fire(signal) {
      group.fire(signal);
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

/** The same few URLs come back burst after burst: parse each once (a few hundred at most are kept). */
const hostnames = new Map<string, string>();

function hostnameOfText(url: string): string {
  let hostname = hostnames.get(url);
  if (hostname !== undefined) return hostname;
  try {
    hostname = hostnameOf(new URL(url));
  } catch {
    hostname = '';
  }
  if (hostnames.size >= 256) hostnames.clear();
  hostnames.set(url, hostname);
  return hostname;
}
