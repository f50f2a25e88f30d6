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
  type ProbeRequest,
  toRequestRecord,
  waitUntil,
} from '../dispatch/index.js';
import { recordedEndpointUrl } from '../endpoints/recorded-url.js';
import type { StudyDeps } from '../engine/study-deps.js';
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
  const context: DispatchContext = { clock, agents };
  // One body per sub-experiment, made once: bursts only point at it.
  const payloads = new Map<number, Uint8Array | null>();
  const payloadOf = (sub: ResolvedSubExperiment) => {
    if (!payloads.has(sub.index)) payloads.set(sub.index, payloadOfSize(sub.payloadBytes));
    return payloads.get(sub.index) ?? null;
  };

  return {
    originEpochMs: clock.originEpochMs,
    now: () => clock.nowMs(),
    waitUntil: (targetMs, signal) => waitUntil(clock, targetMs, signal),
    plan: (sub, seed) => planRounds(planSubExperiment(sub, seed)),
    calibrate: (sub, endpoint, signal) =>
      calibrate(sub, httpCalibrationProbe({ endpointUrl: endpoint.url, token: options.token, timeoutMs: sub.requestTimeoutMs }, context, signal)),
    async prepareBurst(spec, { connection, signal }) {
      const request: ProbeRequest = {
        url: chainRequestUrl(measurementUrl(spec.endpoint.url, spec.spinIncrements), spec.sub.chain),
        token: options.token,
        payload: payloadOf(spec.sub),
        connection,
        timeoutMs: spec.sub.requestTimeoutMs,
      };
      const prepared = await prepareBurst(Array.from({ length: spec.size }, () => request), context);
      const endpoint = { index: spec.endpoint.replica, url: recordedEndpointUrl(spec.endpoint.url) };
      return {
        spec,
        fire: () =>
          prepared.fire(signal).map((outcome, indexInBurst) =>
            outcome.then((done) => {
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
            }),
          ),
      };
    },
    close: () => agents.destroy(),
  };
}
