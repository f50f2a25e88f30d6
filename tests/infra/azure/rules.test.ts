import { describe, expect, test } from '@jest/globals';
import * as pulumi from '@pulumi/pulumi';
import { UserError } from '../../../experiments/schema/index.js';
import { azureCapabilities } from '../../../infra/azure/capabilities.js';
import { deployAzure } from '../../../infra/azure/index.js';
import { APP_BASE_MAX_LENGTH, APP_NAME, APP_NAME_MAX_LENGTH, appName, flexContainerName, hostId, packageBlobName, storageAccountName, SUFFIX_LENGTH } from '../../../infra/azure/names.js';
import { checkSubExperimentOnPlan, flexScale } from '../../../infra/azure/plans.js';
import { flexRuntime, linuxFxVersion } from '../../../infra/azure/runtimes.js';
import { memoryProblem } from '../../../infra/capabilities.js';
import { replicaName } from '../../../infra/naming.js';
import { azureExperiment, LOCATION, STACK, TOKEN } from './fixtures.js';

describe('Azure names', () => {
  test('a Function App name is the replica name plus the stack suffix, within 60 characters', () => {
    const base = replicaName({ stack: 'a-rather-long-stack-name', experimentTitle: 'a very long experiment title indeed, longer than any limit', experimentFile: 'x.json', subIndex: 12, replica: 99 }, APP_NAME);
    const name = appName(base, 'k3x9q2ab');
    expect(name.length).toBeLessThanOrEqual(APP_NAME_MAX_LENGTH);
    expect(name).toMatch(/^[a-z0-9][a-z0-9-]*-s12-r99-k3x9q2ab$/);
    expect(() => appName('x'.repeat(APP_BASE_MAX_LENGTH + 1), 'k3x9q2ab')).toThrow('longer than 60');
  });

  test('a storage account name is 3 to 24 lower-case letters and digits', () => {
    expect(storageAccountName('dev', 'k3x9q2ab')).toBe('fbdevk3x9q2ab');
    const long = storageAccountName('My-Very_Long Stack Name 2026', 'k3x9q2ab');
    expect(long).toMatch(/^[a-z0-9]{3,24}$/);
    expect(long).toMatch(/^fbmyverylongst.*k3x9q2ab$/);
    expect(SUFFIX_LENGTH).toBe(8);
  });

  test('host IDs are 32 hex characters and differ where long names share their first 32', () => {
    const a = 'fb-dev-a-long-title-for-the-experiment-s0-r1-k3x9q2ab';
    const b = 'fb-dev-a-long-title-for-the-experiment-s0-r2-k3x9q2ab';
    expect(a.slice(0, 32)).toBe(b.slice(0, 32));
    expect(hostId(a)).toMatch(/^[0-9a-f]{32}$/);
    expect(hostId(a)).not.toBe(hostId(b));
  });

  test('a package blob is named by its size and hash; a Flex deployment container by the hash alone', () => {
    expect(packageBlobName(50, 'ab'.repeat(32))).toBe(`measure-50mb-${'ab'.repeat(32)}.zip`);
    expect(flexContainerName('ab'.repeat(32))).toBe(`released-${'ab'.repeat(16)}`);
    expect(flexContainerName('ab'.repeat(32))).toMatch(/^[a-z0-9-]{3,63}$/);
  });

  test('a stack name too long for Function App names is refused before anything is made', () => {
    const experiment = azureExperiment('experiments/azure/x.json', [{}]);
    const run = () => deployAzure([experiment], { location: LOCATION, plan: 'consumption' }, { stackName: 's'.repeat(40), token: pulumi.secret(TOKEN), packageCacheDir: '/nonexistent' });
    expect(run).toThrow(UserError);
    expect(run).toThrow('is 40 characters long, too long for Azure Function App names (60 characters, of which faasbench keeps 9 for the stack\'s random suffix) (at most 51 characters)');
  });
});

describe('Azure runtimes', () => {
  test('every runtime the schema allows on Azure has a Linux stack and a Flex runtime', () => {
    expect(azureCapabilities.runtimes.map(linuxFxVersion)).toEqual(azureCapabilities.runtimes.map((r) => `Node|${r.replace('nodejs', '')}`));
    expect(azureCapabilities.runtimes.map(flexRuntime)).toEqual(azureCapabilities.runtimes.map((r) => ({ name: 'node', version: r.replace('nodejs', '') })));
  });

  test('an unknown runtime is a UserError that lists the allowed ones', () => {
    expect(() => linuxFxVersion('python3.12')).toThrow(UserError);
    expect(() => linuxFxVersion('python3.12')).toThrow('allowed is one of nodejs22');
  });
});

describe('memory and scale per plan', () => {
  const consumption = { location: LOCATION, plan: 'consumption' as const };
  const flexPlan = { location: LOCATION, plan: 'flex-consumption' as const };

  test('experiment files may ask for any size one of the plans sells; the default is Consumption\'s 1536', () => {
    for (const mb of [512, 1536, 2048, 4096]) expect(memoryProblem(azureCapabilities.memory, mb)).toBeNull();
    expect(memoryProblem(azureCapabilities.memory, 1024)).toBe(
      'allowed is 1536 on Linux Consumption (faasbench:azure.plan consumption), or one of 512, 2048, 4096 on Flex Consumption (faasbench:azure.plan flex-consumption)',
    );
    expect(azureExperiment('x.json', [{}]).subExperiments[0]?.memoryMb).toBe(1536);
  });

  test('a Flex stack refuses the Consumption size, naming file, field, stack and the sizes it sells', () => {
    const experiment = azureExperiment('experiments/azure/cold.json', [{}]);
    const sub = experiment.subExperiments[0]!;
    expect(() => checkSubExperimentOnPlan(experiment, sub, flexPlan, 'dev')).toThrow(
      'experiments/azure/cold.json: subExperiments[0].memoryMb is 1536, which stack dev cannot deploy: on Flex Consumption (faasbench:azure.plan flex-consumption) allowed is one of 512, 2048, 4096. Set memoryMb in the file',
    );
    expect(() => checkSubExperimentOnPlan(experiment, sub, consumption, 'dev')).not.toThrow();
  });

  test('a Consumption stack keeps memory fixed at 1536', () => {
    const experiment = azureExperiment('experiments/azure/flex.json', [{ memoryMb: 2048 }]);
    expect(() => checkSubExperimentOnPlan(experiment, experiment.subExperiments[0]!, consumption, 'dev')).toThrow(
      'on Linux Consumption (faasbench:azure.plan consumption) it is fixed at 1536',
    );
  });

  test('Flex instances: enough for the largest burst, at least 100 unless configured, never over 1000', () => {
    const experiment = azureExperiment('experiments/azure/flex.json', [
      { memoryMb: 512, burstSizes: [1, 10] },
      { memoryMb: 512, burstSizes: [250] },
      { memoryMb: 512, burstSizes: [1500] },
    ]);
    const [small, big, huge] = experiment.subExperiments;
    expect(flexScale(experiment, small!, flexPlan)).toEqual({ instanceMemoryMb: 512, maximumInstanceCount: 100, perInstanceConcurrency: 1 });
    expect(flexScale(experiment, big!, flexPlan)).toMatchObject({ maximumInstanceCount: 250 });
    expect(flexScale(experiment, big!, { ...flexPlan, flex: { perInstanceConcurrency: 4 } })).toMatchObject({ maximumInstanceCount: 100, perInstanceConcurrency: 4 });
    expect(flexScale(experiment, small!, { ...flexPlan, flex: { perInstanceConcurrency: 1, maximumInstanceCount: 40 } })).toMatchObject({ maximumInstanceCount: 40 });
    expect(() => flexScale(experiment, big!, { ...flexPlan, flex: { perInstanceConcurrency: 1, maximumInstanceCount: 200 } })).toThrow(
      'experiments/azure/flex.json: subExperiments[1].burstSizes: a burst of 250 requests with faasbench:azure.flex.perInstanceConcurrency 1 needs 250 instances of one app, more than faasbench:azure.flex.maximumInstanceCount 200 allows. Raise it (at most 1000): pulumi config set --path faasbench:azure.flex.maximumInstanceCount 250',
    );
    expect(() => flexScale(experiment, huge!, flexPlan)).toThrow(UserError);
    expect(() => flexScale(experiment, huge!, flexPlan)).toThrow('needs 1500 instances of one app, more than the 1000 Flex Consumption allows');
    expect(flexScale(experiment, huge!, { ...flexPlan, flex: { perInstanceConcurrency: 2 } })).toMatchObject({ maximumInstanceCount: 750 });
  });

  test('no experiments, no resources', () => {
    expect(deployAzure([], consumption, { stackName: STACK, token: pulumi.secret(TOKEN), packageCacheDir: '/nonexistent' })).toEqual([]);
  });
});
