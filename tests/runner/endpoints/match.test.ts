import { describe, expect, test } from '@jest/globals';
import { endpointsFor } from '../../../runner/endpoints/match.js';
import { experimentFixture, outputsFixture } from '../fixtures.js';

describe('a file must still match what was deployed', () => {
  const deployedFrom = experimentFixture('experiments/cloud.json');
  const outputs = outputsFixture(deployedFrom);

  test('runner-only changes are fine', () => {
    const changed = experimentFixture('./experiments/cloud.json', { seed: 5 });
    expect(endpointsFor(changed, outputs, 'Pulumi stack dev').subExperiments).toHaveLength(2);
  });

  test.each([
    [{ vendor: 'gcp' }, 'vendor is "gcp" in the file but "aws" was deployed'],
    [
      { subExperiments: [{ title: 'warm', bursts: 4, burstSizes: [1], iat: { distribution: 'fixed', ms: 10 }, parallelism: 2, memoryMb: 1024 }, { title: 'cold', bursts: 2, burstSizes: [1], iat: { distribution: 'fixed', ms: 10 } }] },
      'subExperiments[0].memoryMb is 1024 in the file but 256 was deployed; run `pulumi up` again.',
    ],
    [
      { subExperiments: [{ title: 'warm', bursts: 4, burstSizes: [1], iat: { distribution: 'fixed', ms: 10 } }] },
      'it has 1 sub-experiments but 2 were deployed',
    ],
  ])('%j needs a new deploy', (overrides, message) => {
    const changed = experimentFixture('experiments/cloud.json', overrides);
    expect(() => endpointsFor(changed, outputs, 'Pulumi stack dev')).toThrow(
      `experiments/cloud.json changed since it was deployed by Pulumi stack dev: ${message}`,
    );
  });

  test('a file the stack does not deploy', () => {
    expect(() => endpointsFor(experimentFixture('experiments/other.json'), outputs, 'Pulumi stack dev')).toThrow(
      'experiments/other.json was not deployed by Pulumi stack dev, which deploys experiments/cloud.json',
    );
  });
});

describe('sub-experiments are matched by index', () => {
  const file = experimentFixture('experiments/cloud.json');
  const outputs = outputsFixture(file);
  const withSubs = (edit: (subs: (typeof outputs.experiments)[number]['subExperiments']) => unknown) => ({
    ...outputs,
    experiments: [{ ...outputs.experiments[0], subExperiments: edit((outputs.experiments[0] as (typeof outputs.experiments)[number]).subExperiments) }],
  }) as typeof outputs;

  test('listed in any order', () => {
    const swapped = withSubs((subs) => [subs[1], subs[0]]);
    const found = endpointsFor(file, swapped, 'outputs file o.json');
    expect(found.subExperiments.map((s) => s.index)).toEqual([1, 0]);
  });

  test('an index that matches nothing, or one given twice, names the entry', () => {
    expect(() => endpointsFor(file, withSubs((subs) => subs.map((s) => ({ ...s, index: s.index + 5 }))), 'outputs file o.json')).toThrow(
      'outputs file o.json: experiments[0].subExperiments[0].index is 5, but experiments/cloud.json has sub-experiments 0 to 1; the outputs do not belong to this file',
    );
    expect(() => endpointsFor(file, withSubs((subs) => subs.map((s) => ({ ...s, index: 0 }))), 'outputs file o.json')).toThrow(
      'outputs file o.json: experiments[0].subExperiments[1].index is 0, which an earlier entry already has',
    );
  });

  test('endpoints out of replica order are refused', () => {
    const shuffled = withSubs((subs) => subs.map((s) => ({ ...s, endpoints: [...s.endpoints].reverse() })));
    expect(() => endpointsFor(file, shuffled, 'outputs file o.json')).toThrow('outputs file o.json: experiments[0].subExperiments[0].endpoints[0].replica is 1');
  });
});
