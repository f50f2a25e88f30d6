import { describe, expect, test } from '@jest/globals';
import { createRng, planRounds, planSubExperiment, sampleIatMs } from '../../../runner/schedule/index.js';
import { subFixture } from './sub-fixture.js';

describe('plan semantics on hand-computed cases', () => {
  test('5 bursts over 2 endpoints: 3 rounds, the last one partial; sizes and service times cycle per round', () => {
    const plan = planSubExperiment(
      subFixture({ bursts: 5, parallelism: 2, burstSizes: [1, 3], desiredServiceTimesMs: [0, 10, 20], iat: { distribution: 'fixed', ms: 100 } }),
      1,
    );
    expect(plan.rounds).toBe(3);
    expect(plan.iatsMs).toEqual([100, 100, 100]);
    // One IAT before the first round: round r is due at (r + 1)·100.
    expect(plan.bursts).toEqual([
      { subExperimentIndex: 0, burstId: 0, round: 0, endpointIndex: 0, size: 1, desiredServiceTimeMs: 0, offsetMs: 100 },
      { subExperimentIndex: 0, burstId: 1, round: 0, endpointIndex: 1, size: 1, desiredServiceTimeMs: 0, offsetMs: 100 },
      { subExperimentIndex: 0, burstId: 2, round: 1, endpointIndex: 0, size: 3, desiredServiceTimeMs: 10, offsetMs: 200 },
      { subExperimentIndex: 0, burstId: 3, round: 1, endpointIndex: 1, size: 3, desiredServiceTimeMs: 10, offsetMs: 200 },
      { subExperimentIndex: 0, burstId: 4, round: 2, endpointIndex: 0, size: 1, desiredServiceTimeMs: 20, offsetMs: 300 },
    ]);
    expect(plan.totalRequests).toBe(1 + 1 + 3 + 3 + 1);
    expect(plan.lastOffsetMs).toBe(300);
  });

  test('bursts divisible by parallelism fill every round', () => {
    const plan = planSubExperiment(subFixture({ bursts: 6, parallelism: 3 }), 1);
    expect(plan.rounds).toBe(2);
    expect(plan.bursts.map((b) => [b.round, b.endpointIndex, b.burstId])).toEqual([
      [0, 0, 0], [0, 1, 1], [0, 2, 2],
      [1, 0, 3], [1, 1, 4], [1, 2, 5],
    ]);
  });

  test('service times: cycle repeats the list, step walks it once and keeps the last value', () => {
    const times = (order: 'cycle' | 'step') =>
      planSubExperiment(subFixture({ bursts: 5, desiredServiceTimesMs: [0, 10, 20], serviceTimeOrder: order }), 1).bursts.map(
        (b) => b.desiredServiceTimeMs,
      );
    expect(times('cycle')).toEqual([0, 10, 20, 0, 10]);
    expect(times('step')).toEqual([0, 10, 20, 20, 20]);
  });

  test('burst sizes cycle by round, not by burst: both endpoints of a round get the same size', () => {
    const plan = planSubExperiment(subFixture({ bursts: 6, parallelism: 2, burstSizes: [1, 5] }), 1);
    expect(plan.bursts.map((b) => b.size)).toEqual([1, 1, 5, 5, 1, 1]);
    expect(plan.totalRequests).toBe(14);
  });

  test('offsets are the cumulative sums of the IATs, which come from stream `index` of the seed', () => {
    const sub = subFixture({ index: 2, bursts: 6, parallelism: 2, iat: { distribution: 'exponential', meanMs: 1000 } });
    const plan = planSubExperiment(sub, 99);
    const rng = createRng(99, 2);
    const expectedIats = [sampleIatMs(sub.iat, rng), sampleIatMs(sub.iat, rng), sampleIatMs(sub.iat, rng)];
    expect(plan.iatsMs).toEqual(expectedIats);
    const [a, b, c] = expectedIats as [number, number, number];
    expect(plan.bursts.map((x) => x.offsetMs)).toEqual([a, a, a + b, a + b, a + b + c, a + b + c]);
    expect(plan.lastOffsetMs).toBe(a + b + c);
  });

  test('one sub-experiment\'s IATs do not depend on its neighbours, only on its own index and the seed', () => {
    const iat = { distribution: 'exponential', meanMs: 1000 } as const;
    const first = planSubExperiment(subFixture({ index: 0, iat }), 5);
    const second = planSubExperiment(subFixture({ index: 1, iat }), 5);
    expect(second.iatsMs).not.toEqual(first.iatsMs);
    expect(planSubExperiment(subFixture({ index: 1, iat, bursts: 4, title: 'renamed' }), 5).iatsMs).toEqual(second.iatsMs);
    expect(planSubExperiment(subFixture({ index: 1, iat }), 6).iatsMs).not.toEqual(second.iatsMs);
  });

  test('a plan is pure: the same input gives the same plan', () => {
    const sub = subFixture({ bursts: 7, parallelism: 3, iat: { distribution: 'uniform', minMs: 10, maxMs: 20 } });
    expect(planSubExperiment(sub, 3)).toEqual(planSubExperiment(sub, 3));
  });
});

describe('planRounds', () => {
  test('groups the bursts by round with the round\'s due time', () => {
    const plan = planSubExperiment(subFixture({ bursts: 3, parallelism: 2, burstSizes: [2], desiredServiceTimesMs: [7] }), 1);
    expect(planRounds(plan)).toEqual([
      {
        round: 0,
        offsetMs: 100,
        bursts: [
          { burstId: 0, endpointIndex: 0, size: 2, desiredServiceTimeMs: 7 },
          { burstId: 1, endpointIndex: 1, size: 2, desiredServiceTimeMs: 7 },
        ],
      },
      { round: 1, offsetMs: 200, bursts: [{ burstId: 2, endpointIndex: 0, size: 2, desiredServiceTimeMs: 7 }] },
    ]);
  });
});
