import { describe, expect, test } from '@jest/globals';
import type { ExperimentOutput } from '../../../infra/outputs.js';
import type { RunEvent } from '../../../runner/engine/events.js';
import { plannedTotals, runStudy } from '../../../runner/engine/run-study.js';
import { outputsFixture } from '../fixtures.js';
import { experiment, fakeWorld, plan, settle } from './fake-world.js';

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
