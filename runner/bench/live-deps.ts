import type { ConnectionMode, ResolvedSubExperiment } from '../../experiments/schema/index.js';
import {
  calibrate,
  createAgentPool,
  createBuildGate,
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
import { recordedEndpointUrl } from '../endpoints/recorded-url.js';
import type { RequestRecord } from '../results/request-record.js';
import type { BurstSpec, StudyDeps } from '../engine/study-deps.js';
import { planRounds, planSubExperiment } from '../schedule/index.js';
import { chainRequestUrl, withChainBody } from '../transfers/chain-record.js';

export interface LiveStudyDeps extends StudyDeps {
  /** Wall-clock time of offset 0 on the run clock. */
  readonly originEpochMs: number;
  /** Closes every socket the run kept (keep-alive mode). */
  close(): void;
}

/** The engine's dependencies wired to the real clock, scheduler and HTTP client. */
export function createLiveStudyDeps(options: { token: string; originEpochMs?: number }): LiveStudyDeps {
  const clock = createRunClock(options.originEpochMs);
  const agents = createAgentPool();
  // One family choice per endpoint name for the whole run (addressFamily "any").
  const context: DispatchContext = { clock, agents, familyChoices: new Map() };
  // One body per sub-experiment, made once: bursts only point at it.
  const payloads = new Map<number, Uint8Array | null>();
  const payloadOf = (sub: ResolvedSubExperiment) => {
    if (!payloads.has(sub.index)) payloads.set(sub.index, payloadOfSize(sub.payloadBytes));
    return payloads.get(sub.index) ?? null;
  };
  // The run's requests in flight hold back building the next burst (build-gate.ts).
  const gate = createBuildGate(clock);
  // The same request object for every burst of an endpoint and spin: no URL built per burst.
  const requests = new Map<string, ProbeRequest>();
  const requestFor = (spec: BurstSpec, connection: ConnectionMode): ProbeRequest => {
    const key = `${spec.sub.index}\n${connection}\n${spec.spinIncrements}\n${spec.endpoint.url}`;
    let request = requests.get(key);
    if (request === undefined) {
      request = {
        url: chainRequestUrl(measurementUrl(spec.endpoint.url, spec.spinIncrements), spec.sub.chain),
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
      const buildAfter = gate.open(spec.scheduledMs, signal);
      const prepared = await prepareBurst(new Array<ProbeRequest>(spec.size).fill(request), context, buildAfter === undefined ? {} : { buildAfter });
      const endpoint = { index: spec.endpoint.replica, url: recordedEndpointUrl(spec.endpoint.url) };
      const recordOf = (done: ProbeOutcome, indexInBurst: number): RequestRecord => {
        const record = toRequestRecord(spec, done, endpoint, {
          subExperiment: spec.sub.title,
          subExperimentIndex: spec.sub.index,
          indexInBurst,
          scheduledMs: spec.scheduledMs,
          spinIncrementsRequested: spec.spinIncrements,
          coldThresholdMs: spec.sub.coldThresholdMs,
          preinitThresholdMs: spec.sub.preinitThresholdMs,
        });
        // A chain's hop stamps ride along to the transfers sink, which parses them off the timed path.
        return spec.sub.chain === null ? record : withChainBody(record, done.body);
      };
      return {
        spec,
        // Every timestamp is in the outcome: the record (body parsing, classification) and all that
        // its event sets off in the sinks can wait until no dispatch is due (quiet.ts).
        fire: () => {
          gate.fired(spec.size);
          return prepared.fire(signal).map(
            (outcome, indexInBurst) =>
              new Promise<RequestRecord>((resolve, reject) => {
                void outcome.then((done) => {
                  gate.settled();
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
