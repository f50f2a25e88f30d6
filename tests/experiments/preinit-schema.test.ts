import { describe, expect, test } from '@jest/globals';
import { DEFAULTS, parseExperimentText, UserError } from '../../experiments/schema/index.js';

/** The experiment fields of the pre-initialised class: preinitThresholdMs and local.prewarm. */

const parse = (value: unknown) => parseExperimentText(JSON.stringify(value), 'experiments/test.json', { drawSeed: () => 1 });
const sub = { title: 'a', bursts: 2, burstSizes: [1], iat: { distribution: 'fixed', ms: 100 } };

function problem(value: unknown): string {
  try {
    parse(value);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('expected a UserError');
}

describe('preinitThresholdMs', () => {
  test('defaults to 10 s on every vendor and may be set per sub-experiment', () => {
    expect(DEFAULTS.preinitThresholdMs).toBe(10_000);
    for (const vendor of ['local', 'aws', 'azure', 'gcp', 'cloudflare']) {
      expect(parse({ title: 't', vendor, subExperiments: [sub] }).subExperiments[0]?.preinitThresholdMs).toBe(10_000);
    }
    const experiment = parse({ title: 't', subExperiments: [{ ...sub, preinitThresholdMs: 750 }, { ...sub, title: 'b' }] });
    expect(experiment.subExperiments.map((s) => s.preinitThresholdMs)).toEqual([750, 10_000]);
  });

  test.each([
    [0, 'subExperiments[0].preinitThresholdMs'],
    [-5, 'subExperiments[0].preinitThresholdMs'],
    ['10s', 'subExperiments[0].preinitThresholdMs'],
  ])('refuses %j', (value, where) => {
    expect(problem({ title: 't', subExperiments: [{ ...sub, preinitThresholdMs: value }] })).toContain(where);
  });
});

describe('local.prewarm', () => {
  test('absent: no instances ahead', () => {
    expect(parse({ title: 't', subExperiments: [sub] }).local?.prewarm).toBeNull();
  });

  test('instances per function, replenished unless said otherwise', () => {
    expect(parse({ title: 't', local: { prewarm: { instances: 2 } }, subExperiments: [sub] }).local).toEqual({
      keepAliveMs: 10_000, maxInstancesPerFunction: 32, prewarm: { instances: 2, replenish: true },
    });
    expect(parse({ title: 't', local: { prewarm: { instances: 1, replenish: false } }, subExperiments: [sub] }).local?.prewarm).toEqual({
      instances: 1, replenish: false,
    });
  });

  test.each([
    [{ instances: 3 }, { maxInstancesPerFunction: 2 }, 'local.prewarm.instances 3 is more than local.maxInstancesPerFunction (2)'],
    [{ instances: 0 }, {}, 'local.prewarm.instances'],
    [{ instances: 1, ahead: 5 }, {}, 'local.prewarm has unknown field "ahead"'],
    [{}, {}, 'local.prewarm.instances is required'],
  ])('refuses %j', (prewarm, local, expected) => {
    const message = problem({ title: 't', local: { ...local, prewarm }, subExperiments: [sub] });
    expect(message).toContain('Experiment file experiments/test.json: ');
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
  });
});
