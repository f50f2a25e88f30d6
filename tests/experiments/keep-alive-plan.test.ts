import { describe, expect, test } from '@jest/globals';
import { parseExperimentText } from '../../experiments/schema/index.js';
import { planKeepAliveStudy } from '../../experiments/schema/keep-alive-plan.js';
import { planSubExperiment } from '../../runner/schedule/plan.js';

const MIN = 60_000;

describe('keep-alive study shape', () => {
  test('30 samples each at 1, 10 and 30 min within 2 h: replicas make up for what one replica cannot sample in time', () => {
    const plan = planKeepAliveStudy({ idleTimesMs: [30 * MIN, MIN, 10 * MIN], samplesPerIdle: 30, wallBudgetMs: 120 * MIN });
    // 1 min: 120/1 − 1 = 119 samples fit one replica → 1 replica × 30, 31 requests, 31 min.
    // 10 min: 12 − 1 = 11 per replica → ⌈30/11⌉ = 3 replicas × 10, 33 requests, 11 × 10 = 110 min.
    // 30 min: 4 − 1 = 3 per replica → 10 replicas × 3, 40 requests, 4 × 30 = 120 min.
    expect(plan.idleTimes.map(({ subExperiment, ...rest }) => rest)).toEqual([
      { idleMs: MIN, replicas: 1, samplesPerReplica: 30, samples: 30, requests: 31, scheduleMs: 31 * MIN },
      { idleMs: 10 * MIN, replicas: 3, samplesPerReplica: 10, samples: 30, requests: 33, scheduleMs: 110 * MIN },
      { idleMs: 30 * MIN, replicas: 10, samplesPerReplica: 3, samples: 30, requests: 40, scheduleMs: 120 * MIN },
    ]);
    expect(plan).toMatchObject({ totalRequests: 104, totalReplicas: 14, scheduleMs: 120 * MIN });
  });

  test('its sub-experiments are valid experiment input, and the runner’s own schedule gives exactly the planned requests and duration', () => {
    const plan = planKeepAliveStudy({ idleTimesMs: [1000, 2000, 4000, 5000], samplesPerIdle: 12, wallBudgetMs: 30_000 });
    const experiment = parseExperimentText(
      JSON.stringify({ title: 'keep-alive', vendor: 'local', execution: 'parallel', local: { keepAliveMs: 3000 }, subExperiments: plan.idleTimes.map((idle) => idle.subExperiment) }),
      'experiments/local/keep-alive.json',
      { drawSeed: () => 7 },
    );
    experiment.subExperiments.forEach((sub, index) => {
      const idle = plan.idleTimes[index]!;
      const schedule = planSubExperiment(sub, experiment.seed);
      expect([sub.parallelism, schedule.totalRequests, schedule.lastOffsetMs]).toEqual([idle.replicas, idle.requests, idle.scheduleMs]);
      // Every replica gets one request per round, rounds exactly one idle time apart.
      expect(new Set(schedule.iatsMs)).toEqual(new Set([idle.idleMs]));
    });
  });

  test('impossible shapes are refused with what to change', () => {
    expect(() => planKeepAliveStudy({ idleTimesMs: [30 * MIN], samplesPerIdle: 10, wallBudgetMs: 59 * MIN })).toThrow(
      'idle time 1800000 ms needs a wall budget of at least 3600000 ms',
    );
    expect(() => planKeepAliveStudy({ idleTimesMs: [30 * MIN], samplesPerIdle: 100, wallBudgetMs: 60 * MIN, maxReplicas: 50 })).toThrow(
      'would need 100 replicas for 100 samples in 3600000 ms; at most 50: raise the budget or lower the samples',
    );
    expect(() => planKeepAliveStudy({ idleTimesMs: [MIN, MIN], samplesPerIdle: 1, wallBudgetMs: 10 * MIN })).toThrow('distinct');
    expect(() => planKeepAliveStudy({ idleTimesMs: [], samplesPerIdle: 1, wallBudgetMs: MIN })).toThrow('at least one idle time');
    expect(() => planKeepAliveStudy({ idleTimesMs: [MIN], samplesPerIdle: 0, wallBudgetMs: MIN })).toThrow('samplesPerIdle must be a positive integer');
  });
});
