import { describe, expect, test } from '@jest/globals';
import { parseExperimentText, UserError } from '../../experiments/schema/index.js';
import { defaultLimits, preflight } from '../../infra/preflight/index.js';
import { planSubExperiment } from '../../runner/schedule/plan.js';

const MIN = 60_000;
const parse = (value: unknown, file = 'experiments/aws/keep-alive.json') => parseExperimentText(JSON.stringify(value), file, { drawSeed: () => 5 });

function problem(value: unknown): string {
  try {
    parse(value);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('expected a UserError');
}

const study = { idleTimesMs: [30 * MIN, MIN, 10 * MIN], samplesPerIdle: 30, wallBudgetMs: 120 * MIN };

describe('a keepAlive block expands into ordinary sub-experiments', () => {
  test('one per idle time, ascending; fixed IAT, bursts of one, replicas from the plan; the shared settings on each', () => {
    const experiment = parse({ title: 'ka', vendor: 'aws', keepAlive: { ...study, runtime: 'python3.12', memoryMb: 1024, packageSizeMb: 5 } });
    expect(experiment.execution).toBe('parallel');
    expect(experiment.subExperiments.map((sub) => [sub.index, sub.title, sub.bursts, sub.burstSizes, sub.iat, sub.parallelism])).toEqual([
      // 1 min: one replica, 30 samples + the first request; 10 min: 3 × (10 + 1); 30 min: 10 × (3 + 1).
      [0, 'idle 1 min', 31, [1], { distribution: 'fixed', ms: MIN }, 1],
      [1, 'idle 10 min', 33, [1], { distribution: 'fixed', ms: 10 * MIN }, 3],
      [2, 'idle 30 min', 40, [1], { distribution: 'fixed', ms: 30 * MIN }, 10],
    ]);
    for (const sub of experiment.subExperiments) {
      expect(sub).toMatchObject({ runtime: 'python3.12', memoryMb: 1024, packageSizeMb: 5, desiredServiceTimesMs: [0], requestTimeoutMs: 60_000 });
    }
  });

  test('experiment.resolved.json records which sub-experiment samples which idle time, and the runner’s schedule matches it', () => {
    const experiment = parse({ title: 'ka', vendor: 'aws', keepAlive: study });
    expect(experiment.keepAlive).toEqual({
      samplesPerIdle: 30,
      wallBudgetMs: 120 * MIN,
      idleTimes: [
        { idleMs: MIN, subExperimentIndex: 0, subExperimentTitle: 'idle 1 min', replicas: 1, samplesPerReplica: 30, samples: 30, requests: 31, scheduleMs: 31 * MIN },
        { idleMs: 10 * MIN, subExperimentIndex: 1, subExperimentTitle: 'idle 10 min', replicas: 3, samplesPerReplica: 10, samples: 30, requests: 33, scheduleMs: 110 * MIN },
        { idleMs: 30 * MIN, subExperimentIndex: 2, subExperimentTitle: 'idle 30 min', replicas: 10, samplesPerReplica: 3, samples: 30, requests: 40, scheduleMs: 120 * MIN },
      ],
      totalRequests: 104,
      scheduleMs: 120 * MIN,
    });
    for (const idle of experiment.keepAlive!.idleTimes) {
      const plan = planSubExperiment(experiment.subExperiments[idle.subExperimentIndex]!, experiment.seed);
      expect([plan.totalRequests, plan.lastOffsetMs, new Set(plan.iatsMs)]).toEqual([idle.requests, idle.scheduleMs, new Set([idle.idleMs])]);
    }
  });

  test('a file of sub-experiments is no keep-alive study', () => {
    const experiment = parse({ title: 't', subExperiments: [{ title: 'a', bursts: 1, burstSizes: [1], iat: { distribution: 'fixed', ms: 1 } }] });
    expect(experiment.keepAlive).toBeNull();
  });

  test('titles say the idle time exactly', () => {
    const experiment = parse({ title: 'ka', vendor: 'local', keepAlive: { idleTimesMs: [250, 1500, 90_000, 2 * MIN, 1234], samplesPerIdle: 2, wallBudgetMs: 10 * MIN } });
    expect(experiment.subExperiments.map((sub) => sub.title)).toEqual(['idle 250 ms', 'idle 1234 ms', 'idle 1.5 s', 'idle 90 s', 'idle 2 min']);
  });

  test('the quota preflight sees the expanded sub-experiments: their scripts add up over the idle times', () => {
    const experiment = parse({ title: 'ka', vendor: 'cloudflare', keepAlive: { idleTimesMs: [MIN, 30 * MIN], samplesPerIdle: 1000, wallBudgetMs: 120 * MIN } });
    // 30 min: 3 samples per replica → 334 replicas; 1 min: 119 per replica → 9. 343 scripts.
    expect(experiment.subExperiments.map((sub) => sub.parallelism)).toEqual([9, 334]);
    const limits = defaultLimits();
    expect(preflight([experiment], limits).filter((f) => f.level === 'refuse')).toEqual([]);
    const refused = preflight([experiment], { ...limits, cloudflare: { ...limits.cloudflare, scripts: 300 } }).filter((f) => f.level === 'refuse');
    expect(refused).toHaveLength(1);
    expect(JSON.stringify(refused[0])).toContain('343');
  });
});

describe('impossible keep-alive studies: one paragraph naming the file, the field and what is allowed', () => {
  test.each([
    [
      { title: 't', vendor: 'aws', keepAlive: { ...study, wallBudgetMs: 59 * MIN } },
      'keepAlive.idleTimesMs[0] 1800000 (30 min) needs keepAlive.wallBudgetMs of at least 3600000 (1 h): one idle time to start each replica\'s clock and one per sample; it is 3540000 (59 min)',
    ],
    [
      { title: 't', vendor: 'azure', keepAlive: { idleTimesMs: [30 * MIN], samplesPerIdle: 400, wallBudgetMs: 120 * MIN } },
      'keepAlive.samplesPerIdle 400 at idle time 1800000 (30 min) within wallBudgetMs 7200000 (2 h) would need 134 replicas, more than azure deploys per sub-experiment (at most 100); raise keepAlive.wallBudgetMs or lower samplesPerIdle',
    ],
    [{ title: 't', keepAlive: { ...study, idleTimesMs: [MIN, 2 * MIN, MIN] } }, 'keepAlive.idleTimesMs[2] 60000 is already idleTimesMs[0]; idle times must be distinct'],
    [{ title: 't', keepAlive: study, subExperiments: [{ title: 'a', bursts: 1, burstSizes: [1], iat: { distribution: 'fixed', ms: 1 } }] }, 'keepAlive cannot be combined with subExperiments'],
    [{ title: 't', execution: 'sequential', keepAlive: study }, 'execution must be "parallel" in a keep-alive study'],
    [{ title: 't' }, 'subExperiments is required (a list), unless a keepAlive block makes them'],
    [{ title: 't', keepAlive: { ...study, desiredServiceTimesMs: [10] } }, 'keepAlive has unknown field "desiredServiceTimesMs"; known fields here are'],
    [{ title: 't', keepAlive: { ...study, samplesPerIdle: 0 } }, 'keepAlive.samplesPerIdle must be at least 1 (got 0)'],
    [{ title: 't', keepAlive: { ...study, idleTimesMs: [1.5] } }, 'keepAlive.idleTimesMs[0] must be a whole number (got 1.5)'],
  ])('%j', (value, expected) => {
    const message = problem(value);
    expect(message).toContain('Experiment file experiments/aws/keep-alive.json: ');
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
  });

  test('a sub-experiment setting that is wrong is named once, in the keepAlive block', () => {
    const message = problem({ title: 't', vendor: 'aws', keepAlive: { ...study, runtime: 'go1.x' } });
    expect(message).toContain('keepAlive.runtime "go1.x" is not available on aws');
    expect(message.match(/keepAlive\.runtime/g)).toHaveLength(1);
  });
});
