import { describe, expect, test } from '@jest/globals';
import { parseExperimentText } from '../../../experiments/schema/index.js';
import type { ExperimentOutput } from '../../../infra/outputs.js';
import type { CalibrationResult, RunEvent } from '../../../runner/engine/events.js';
import { plannedTotals, runStudy } from '../../../runner/engine/run-study.js';
import type { BurstSpec, PlannedRound, StudyDeps } from '../../../runner/engine/study-deps.js';
import type { RequestRecord } from '../../../runner/results/request-record.js';
import { outputsFixture } from '../fixtures.js';

function experiment(execution: 'parallel' | 'sequential') {
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
const plan: StudyDeps['plan'] = (sub) => {
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

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

/**
 * Virtual time (the earliest waiter wakes first, once the engine has nothing else to do), and
 * responses that stay pending until `release()`: the slowest possible platform.
 */
function fakeWorld() {
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
    prepareBurst: async (spec) => ({
      spec,
      fire: () => {
        const atMs = now;
        fired.push({ spec, atMs });
        return Array.from({ length: spec.size }, (_, index) =>
          new Promise<RequestRecord>((resolve) => pending.push(() => resolve(record(spec, index, atMs)))),
        );
      },
    }),
  };
  return { deps, fired, runClock, release: () => pending.splice(0).forEach((f) => f()) };
}

function record(spec: BurstSpec, indexInBurst: number, dispatchedMs: number): RequestRecord {
  return {
    subExperiment: spec.sub.title, subExperimentIndex: spec.sub.index, endpointIndex: spec.endpoint.replica, endpointUrl: spec.endpoint.url,
    burstId: spec.burstId, round: spec.round, burstSize: spec.size, indexInBurst, desiredServiceTimeMs: spec.desiredServiceTimeMs,
    spinIncrementsRequested: spec.spinIncrements, scheduledMs: spec.scheduledMs, dispatchedMs, connectedMs: null, secureConnectedMs: null,
    sentMs: dispatchedMs + 1, firstByteMs: dispatchedMs + 10, endMs: dispatchedMs + 10 + indexInBurst, latencyMs: 10 + indexInBurst,
    ttfbMs: 10, scheduleLagMs: dispatchedMs - spec.scheduledMs, dnsMs: null, tcpMs: null, tlsMs: null, reusedConnection: false,
    remoteAddress: null, addressFamily: null, status: 200, ok: indexInBurst !== 1, errorCode: indexInBurst === 1 ? 'HTTP_500' : null, errorMessage: null,
    responseBytes: 10, requestClass: indexInBurst === 0 ? 'cold' : 'warm', classSource: 'function', instanceId: 'i', coldStart: indexInBurst === 0,
    invocationCount: 1, instanceStartedAt: 0, handlerStartedAt: 0, handlerEndedAt: 0, serviceTimeMs: 0, spinIncrements: 0, spinCapped: false,
    payloadBytes: 0, vendor: 'aws', runtime: 'nodejs22', region: 'eu-west-1', memoryMb: 512, requestId: null,
  };
}

describe('the study engine', () => {
  test('open loop: every round fires on time although no response has arrived yet', async () => {
    const world = fakeWorld();
    const exp = experiment('parallel');
    const endpoints: ExperimentOutput = outputsFixture(exp).experiments[0] as ExperimentOutput;
    const events: RunEvent[] = [];
    const done = runStudy({ experiment: exp, endpoints, deps: world.deps, emit: (e) => events.push(e), signal: new AbortController().signal });
    // Let the engine schedule everything it can without any response.
    await world.runClock();
    expect(world.fired.map((f) => [f.spec.sub.title, f.spec.burstId, f.spec.endpoint.replica, f.atMs, f.spec.scheduledMs])).toEqual([
      ['b', 0, 0, 40, 40],
      ['a', 0, 0, 100, 100], ['a', 1, 1, 100, 100],
      ['a', 2, 0, 200, 200], ['a', 3, 1, 200, 200],
      ['a', 4, 0, 300, 300],
    ]);
    expect(events.filter((e) => e.type === 'request')).toHaveLength(0);
    world.release();
    expect(await done).toEqual({ status: 'completed', reason: null });
    expect(events.filter((e) => e.type === 'request')).toHaveLength(5 * 2 + 3);
    expect(events.filter((e) => e.type === 'burst-end')).toHaveLength(6);
  });

  test('calibrated increments reach the bursts that want a service time', async () => {
    const world = fakeWorld();
    const exp = experiment('sequential');
    const endpoints = outputsFixture(exp).experiments[0] as ExperimentOutput;
    const run = runStudy({ experiment: exp, endpoints, deps: world.deps, emit: () => {}, signal: new AbortController().signal });
    await world.runClock();
    world.release();
    await world.runClock();
    world.release();
    await run;
    const a = world.fired.filter((f) => f.spec.sub.title === 'a').map((f) => [f.spec.round, f.spec.desiredServiceTimeMs, f.spec.spinIncrements]);
    expect(a).toEqual([[0, 0, 0], [0, 0, 0], [1, 7, 7000], [1, 7, 7000], [2, 0, 0]]);
    // Sequential: b starts after a's last answer (released at 300), then waits one IAT of 40.
    const b = world.fired.find((f) => f.spec.sub.title === 'b');
    expect(b?.atMs).toBe(340);
  });

  test('burst summaries count outcomes and classes', async () => {
    const world = fakeWorld();
    const exp = experiment('parallel');
    const events: RunEvent[] = [];
    const run = runStudy({ experiment: exp, endpoints: outputsFixture(exp).experiments[0] as ExperimentOutput, deps: world.deps, emit: (e) => events.push(e), signal: new AbortController().signal });
    await world.runClock();
    world.release();
    await run;
    const b = events.find((e) => e.type === 'burst-end' && e.summary.subExperiment === 'b');
    expect(b?.type === 'burst-end' && b.summary).toEqual({
      subExperimentIndex: 1, subExperiment: 'b', burstId: 0, round: 0, endpointIndex: 0, size: 3, scheduledMs: 40,
      firstDispatchedMs: 40, lastDispatchedMs: 40, firstSentMs: 41, lastSentMs: 41, ok: 2, errors: 1, cold: 1, warm: 2,
      medianLatencyMs: 11, maxLatencyMs: 12,
    });
  });

  test('an abort stops scheduling and reports the run as interrupted', async () => {
    const world = fakeWorld();
    const exp = experiment('parallel');
    const controller = new AbortController();
    const run = runStudy({ experiment: exp, endpoints: outputsFixture(exp).experiments[0] as ExperimentOutput, deps: world.deps, emit: () => {}, signal: controller.signal });
    await settle();
    controller.abort(new Error('interrupted by SIGINT'));
    await world.runClock();
    world.release();
    expect(await run).toEqual({ status: 'interrupted', reason: 'interrupted by SIGINT' });
    expect(world.fired.length).toBeLessThan(6);
  });

  test('planned totals', () => {
    expect(plannedTotals(experiment('parallel'), plan)).toEqual({ requests: 13, bursts: 6, lastBurstMs: 300 });
    expect(plannedTotals(experiment('sequential'), plan)).toEqual({ requests: 13, bursts: 6, lastBurstMs: 340 });
  });
});
