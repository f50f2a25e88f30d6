import { parseExperimentText } from '../../../experiments/schema/index.js';
import type { CalibrationResult } from '../../../runner/engine/events.js';
import type { BurstSpec, PlannedRound, StudyDeps } from '../../../runner/engine/study-deps.js';
import type { RequestRecord } from '../../../runner/results/request-record.js';

/** A study engine's world for tests: virtual time, fake bursts whose answers wait for release(). */

export function experiment(execution: 'parallel' | 'sequential') {
  return parseExperimentText(
    JSON.stringify({
      title: 'engine', vendor: 'aws', seed: 3, execution,
      subExperiments: [
        { title: 'a', bursts: 5, burstSizes: [2], iat: { distribution: 'fixed', ms: 100 }, parallelism: 2, desiredServiceTimesMs: [0, 7] },
        { title: 'b', bursts: 1, burstSizes: [3], iat: { distribution: 'fixed', ms: 40 } },
      ],
    }),
    'experiments/engine.json',
    { drawSeed: () => 1 },
  );
}

/** A fixed-IAT plan (the real planner is tested on its own): round r due at (r+1)·IAT. */
export const plan: StudyDeps['plan'] = (sub) => {
  const iat = sub.iat.distribution === 'fixed' ? sub.iat.ms : 0;
  const rounds: PlannedRound[] = [];
  for (let round = 0; round * sub.parallelism < sub.bursts; round++) {
    const bursts = [];
    for (let e = 0; e < sub.parallelism && round * sub.parallelism + e < sub.bursts; e++) {
      bursts.push({ burstId: round * sub.parallelism + e, endpointIndex: e, size: sub.burstSizes[round % sub.burstSizes.length] as number, desiredServiceTimeMs: sub.desiredServiceTimesMs[round % sub.desiredServiceTimesMs.length] as number });
    }
    rounds.push({ round, offsetMs: (round + 1) * iat, bursts });
  }
  return rounds;
};

export const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

/**
 * Virtual time (the earliest waiter wakes first, once the engine has nothing else to do), and
 * responses that stay pending until `release()`: the slowest possible platform.
 */
export function fakeWorld() {
  let now = 0;
  const waiters: { target: number; wake: () => void }[] = [];
  const fired: { spec: BurstSpec; atMs: number }[] = [];
  const pending: (() => void)[] = [];
  /** Advances virtual time waiter by waiter until nobody waits; returns when the engine is idle. */
  const runClock = async () => {
    for (await settle(); waiters.length > 0; await settle()) {
      waiters.sort((x, y) => x.target - y.target);
      const next = waiters.shift() as { target: number; wake: () => void };
      now = Math.max(now, next.target);
      next.wake();
    }
  };
  const deps: StudyDeps = {
    now: () => now,
    waitUntil: (target, signal) =>
      target <= now || signal.aborted
        ? Promise.resolve()
        : new Promise<void>((wake) => {
            waiters.push({ target, wake });
            signal.addEventListener('abort', () => wake(), { once: true });
          }),
    plan,
    calibrate: async (sub): Promise<CalibrationResult> => ({
      subExperimentIndex: sub.index, subExperiment: sub.title, incrementsPerMs: 1000, requestsSent: 3, timedBy: 'function', problem: null,
      points: sub.desiredServiceTimesMs.map((ms) => ({ desiredServiceTimeMs: ms, spinIncrements: ms * 1000, achievedServiceTimeMs: ms })),
    }),
    prepareBurst: async (spec, { signal }) => ({
      spec,
      fire: () => {
        const atMs = now;
        fired.push({ spec, atMs });
        return Array.from({ length: spec.size }, (_, index) =>
          new Promise<RequestRecord>((resolve) => {
            let done = false;
            const answer = (aborted: boolean) => {
              if (done) return;
              done = true;
              resolve(aborted ? { ...record(spec, index, atMs), ok: false, errorCode: 'ABORTED', status: null } : record(spec, index, atMs));
            };
            // As the real client does: an abort ends what is in flight.
            signal.addEventListener('abort', () => answer(true), { once: true });
            pending.push(() => answer(false));
          }),
        );
      },
    }),
  };
  const calibrations = { count: 0 };
  const calibrate = deps.calibrate;
  deps.calibrate = async (...args) => {
    calibrations.count += 1;
    return calibrate(...args);
  };
  return { deps, fired, runClock, calibrations, release: () => pending.splice(0).forEach((f) => f()) };
}

export function record(spec: BurstSpec, indexInBurst: number, dispatchedMs: number): RequestRecord {
  return {
    subExperiment: spec.sub.title, subExperimentIndex: spec.sub.index, endpointIndex: spec.endpoint.replica, endpointUrl: spec.endpoint.url,
    burstId: spec.burstId, round: spec.round, burstSize: spec.size, indexInBurst, desiredServiceTimeMs: spec.desiredServiceTimeMs,
    spinIncrementsRequested: spec.spinIncrements, scheduledMs: spec.scheduledMs, dispatchedMs, connectedMs: null, secureConnectedMs: null,
    sentMs: dispatchedMs + 1, firstByteMs: dispatchedMs + 10, endMs: dispatchedMs + 10 + indexInBurst, latencyMs: 10 + indexInBurst,
    ttfbMs: 10, scheduleLagMs: dispatchedMs - spec.scheduledMs, dnsMs: null, tcpMs: null, tlsMs: null, reusedConnection: false,
    remoteAddress: null, addressFamily: null, status: 200, ok: indexInBurst !== 1, errorCode: indexInBurst === 1 ? 'HTTP_500' : null, errorMessage: null,
    responseBytes: 10, requestClass: indexInBurst === 0 ? 'cold' : 'warm', classSource: 'function', instanceId: 'i', coldStart: indexInBurst === 0,
    refusedBeforeFirst: 0, invocationCount: 1, instanceStartedAt: 0, initEndedAt: 0, handlerStartedAt: 0, initMs: 0, idleBeforeMs: 0, handlerEndedAt: 0, serviceTimeMs: 0, spinIncrements: 0, spinCapped: false,
    payloadBytes: 0, vendor: 'aws', runtime: 'nodejs22', region: 'eu-west-1', memoryMb: 512, requestId: null,
  };
}

