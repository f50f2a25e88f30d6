import type { ConnectionMode, ResolvedSubExperiment } from '../../experiments/schema/index.js';
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
import type { BurstSpec, StudyDeps } from '../engine/study-deps.js';
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
    if (inFlight > 0 || drained.size === 0) return;
    for (const open of [...drained]) open();
  };
  /**
   * Resolves when nothing is in flight, BUILD_LEAD_MS before `dueMs`, or when `signal` aborts.
   * A plain timer is precise enough for a lead of 50 ms; the abort watch goes through the hub, as
   * a round of many bursts prepares them all at once.
   */
  const buildGate = (dueMs: number, signal: AbortSignal): Promise<void> | undefined => {
    if (inFlight === 0 || signal.aborted) return undefined;
    return new Promise<void>((resolve) => {
      const open = () => {
        clearTimeout(timer);
        drained.delete(open);
        unwatchAbort(signal, watcher);
        resolve();
      };
      const watcher = { onAbort: open };
      const timer = setTimeout(open, Math.max(0, dueMs - BUILD_LEAD_MS - clock.nowMs()));
      drained.add(open);
      watchAbort(signal, watcher);
    });
  };
  // The same request object for every burst of an endpoint and spin: no URL built per burst.
  const requests = new Map<string, ProbeRequest>();
  const requestFor = (spec: BurstSpec, connection: ConnectionMode): ProbeRequest => {
    const key = `${spec.sub.index}\n${connection}\n${spec.spinIncrements}\n${spec.endpoint.url}`;
    let request = requests.get(key);
    if (request === undefined) {
      request = {
        url: measurementUrl(spec.endpoint.url, spec.spinIncrements),
        token: options.token,
        payload: payloadOf(spec.sub),
        connection,
        timeoutMs: spec.sub.requestTimeoutMs,
        addressFamily: spec.sub.addressFamily,
      };
      requests.set(key, request);
    }
    return request;
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
      const request = requestFor(spec, connection);
      const gate = buildGate(spec.scheduledMs, signal);
      const prepared = await prepareBurst(new Array<ProbeRequest>(spec.size).fill(request), context, gate === undefined ? {} : { buildAfter: gate });
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
