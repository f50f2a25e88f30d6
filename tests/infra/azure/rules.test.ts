import { describe, expect, test } from '@jest/globals';
import * as pulumi from '@pulumi/pulumi';
import { UserError } from '../../../experiments/schema/index.js';
import { azureCapabilities } from '../../../infra/azure/capabilities.js';
import { deployAzure, MAX_CONSUMPTION_PLANS } from '../../../infra/azure/index.js';
import { APP_BASE_MAX_LENGTH, APP_NAME_MAX_LENGTH, appName, hostId, packageBlobName, storageAccountName, SUFFIX_LENGTH } from '../../../infra/azure/names.js';
import { linuxFxVersion } from '../../../infra/azure/runtimes.js';
import { replicaName } from '../../../infra/naming.js';
import { azureExperiment, LOCATION, STACK, TOKEN } from './fixtures.js';

describe('Azure names', () => {
  test('a Function App name is the replica name plus the stack suffix, within 60 characters', () => {
    const base = replicaName({ stack: 'a-rather-long-stack-name', experimentTitle: 'a very long experiment title indeed, longer than any limit', experimentFile: 'x.json', subIndex: 12, replica: 99 }, APP_BASE_MAX_LENGTH);
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

  test('a package blob is named by its size and hash', () => {
    expect(packageBlobName(50, 'ab'.repeat(32))).toBe(`measure-50mb-${'ab'.repeat(32)}.zip`);
  });
});

describe('Azure runtimes', () => {
  test('every runtime the schema allows on Azure has a Linux stack', () => {
    expect(azureCapabilities.runtimes.map(linuxFxVersion)).toEqual(azureCapabilities.runtimes.map((r) => `Node|${r.replace('nodejs', '')}`));
  });

  test('an unknown runtime is a UserError that lists the allowed ones', () => {
    expect(() => linuxFxVersion('python3.12')).toThrow(UserError);
    expect(() => linuxFxVersion('python3.12')).toThrow('allowed is one of nodejs22');
  });
});

describe('the Consumption plan limit', () => {
  test('a stack with more sub-experiments than Azure allows plans is refused before anything is made', () => {
    const many = Array.from({ length: MAX_CONSUMPTION_PLANS + 1 }, () => ({ parallelism: 1 }));
    const experiment = azureExperiment('experiments/azure/many.json', many);
    const run = () => deployAzure([experiment], { location: LOCATION }, { stackName: STACK, token: pulumi.secret(TOKEN), packageCacheDir: '/nonexistent' });
    expect(run).toThrow(UserError);
    expect(run).toThrow(`deploys ${MAX_CONSUMPTION_PLANS + 1} Azure sub-experiments`);
  });

  test('no experiments, no resources', () => {
    expect(deployAzure([], { location: LOCATION }, { stackName: STACK, token: pulumi.secret(TOKEN), packageCacheDir: '/nonexistent' })).toEqual([]);
  });
});
