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
