import type { ResolvedSubExperiment } from '../../experiments/schema/index.js';
import {
  calibrate,
  createAgentPool,
  createRunClock,
  type DispatchContext,
  httpCalibrationProbe,
  measurementUrl,
  payloadOfSize,
  prepareBurst,
  type ProbeOutcome,
  type ProbeRequest,
  toRequestRecord,
  waitUntil,
  whenQuiet,
} from '../dispatch/index.js';
import { unwatchAbort, watchAbort } from '../dispatch/abort-hub.js';
import type { RequestRecord } from '../results/request-record.js';
import type { StudyDeps } from '../engine/study-deps.js';
import { planRounds, planSubExperiment } from '../schedule/index.js';

export interface LiveStudyDeps extends StudyDeps {
  /** Wall-clock time of offset 0 on the run clock. */
  readonly originEpochMs: number;
  /** Closes every socket the run kept (keep-alive mode). */
  close(): void;
}

/**
 * With requests in flight, a burst is built (its Flights and request options, ~0.2 ms of CPU and
 * more under tsx) once they have all settled, or this long before it is due, whichever comes
 * first: the engine prepares a round right after firing the one before, when that round's
 * responses are about to arrive, and building then delayed their timestamps (profiled: most of
 * the ~0.3 ms the run path added to each request at a 100 ms IAT). DNS still starts at once.
 */
export const BUILD_LEAD_MS = 50;

/** The engine's dependencies wired to the real clock, scheduler and HTTP client. */
export function createLiveStudyDeps(options: { token: string }): LiveStudyDeps {
  const clock = createRunClock();
  const agents = createAgentPool();
  // One family choice per endpoint name for the whole run (addressFamily "any").
  const context: DispatchContext = { clock, agents, familyChoices: new Map() };
  // One body per sub-experiment, made once: bursts only point at it.
  const payloads = new Map<number, Uint8Array | null>();
  const payloadOf = (sub: ResolvedSubExperiment) => {
    if (!payloads.has(sub.index)) payloads.set(sub.index, payloadOfSize(sub.payloadBytes));
    return payloads.get(sub.index) ?? null;
  };
  // Requests fired and not settled yet, and who waits for there to be none.
  let inFlight = 0;
  const drained = new Set<() => void>();
  const settledOne = () => {
    inFlight -= 1;
    if (inFlight > 0) return;
    const waiting = [...drained];
    drained.clear();
    for (const wake of waiting) wake();
  };
  /** Resolves when nothing is in flight, or BUILD_LEAD_MS before `dueMs` (or when `signal` aborts). */
  const buildGate = async (dueMs: number, signal: AbortSignal): Promise<void> => {
    if (inFlight === 0 || signal.aborted) return;
    // A round of many bursts prepares them all at once: their abort watch goes through the hub (one listener).
    const late = new AbortController();
    const watcher = { onAbort: () => late.abort() };
    watchAbort(signal, watcher);
    let wake: () => void = () => {};
    const empty = new Promise<void>((resolve) => drained.add((wake = resolve)));
    await Promise.race([empty, waitUntil(clock, dueMs - BUILD_LEAD_MS, late.signal)]);
    drained.delete(wake);
    late.abort();
    unwatchAbort(signal, watcher);
  };

  return {
    originEpochMs: clock.originEpochMs,
    now: () => clock.nowMs(),
    waitUntil: (targetMs, signal) => waitUntil(clock, targetMs, signal),
    plan: (sub, seed) => planRounds(planSubExperiment(sub, seed)),
    calibrate: (sub, endpoint, signal) =>
      calibrate(
        sub,
        httpCalibrationProbe(
          { endpointUrl: endpoint.url, token: options.token, timeoutMs: sub.requestTimeoutMs, addressFamily: sub.addressFamily },
          context,
          signal,
        ),
      ),
    async prepareBurst(spec, { connection, signal }) {
      // The engine prepares the next round right after firing one: first let the event loop take
      // the fired requests' connections and writes, so preparing never delays their first bytes.
      await new Promise((resolve) => setImmediate(resolve));
      const request: ProbeRequest = {
        url: measurementUrl(spec.endpoint.url, spec.spinIncrements),
        token: options.token,
        payload: payloadOf(spec.sub),
        connection,
        timeoutMs: spec.sub.requestTimeoutMs,
        addressFamily: spec.sub.addressFamily,
      };
      const prepared = await prepareBurst(
        Array.from({ length: spec.size }, () => request),
        context,
        { buildAfter: buildGate(spec.scheduledMs, signal) },
      );
      const endpoint = { index: spec.endpoint.replica, url: spec.endpoint.url };
      const recordOf = (done: ProbeOutcome, indexInBurst: number): RequestRecord =>
        toRequestRecord(spec, done, endpoint, {
          subExperiment: spec.sub.title,
          subExperimentIndex: spec.sub.index,
          indexInBurst,
          scheduledMs: spec.scheduledMs,
          spinIncrementsRequested: spec.spinIncrements,
          coldThresholdMs: spec.sub.coldThresholdMs,
        });
      return {
        spec,
        // Every timestamp is in the outcome: the record (body parsing, classification) and all that
        // its event sets off in the sinks can wait until no dispatch is due (quiet.ts).
        fire: () => {
          inFlight += spec.size;
          return prepared.fire(signal).map(
            (outcome, indexInBurst) =>
              new Promise<RequestRecord>((resolve, reject) => {
                void outcome.then((done) => {
                  settledOne();
                  whenQuiet(() => {
                    try {
                      resolve(recordOf(done, indexInBurst));
                    } catch (error) {
                      reject(error as Error);
                    }
                  });
                });
              }),
          );
        },
      };
    },
    close: () => agents.destroy(),
  };
}
