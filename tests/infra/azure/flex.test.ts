import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as pulumi from '@pulumi/pulumi';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ExperimentOutput } from '../../../infra/outputs.js';
import { asSecret, installMocks, ofType, promiseOf, type RecordedResource } from '../pulumi-mocks.js';
import { azureCalls, azureExperiment, computedAzure, LOCATION, STACK, SUFFIX, temporaryCacheDir, TOKEN } from './fixtures.js';

/** deployAzure on a Flex Consumption stack, under Pulumi's mocks, with packages really built. */

let resources: RecordedResource[];
let outputs: ExperimentOutput[];
let cache: Awaited<ReturnType<typeof temporaryCacheDir>>;
const invokes = azureCalls();

const flex = azureExperiment('experiments/azure/flex.json', [
  { title: 'small', parallelism: 2, memoryMb: 2048, packageSizeMb: 0, burstSizes: [1, 150] },
  { title: 'big', parallelism: 1, memoryMb: 4096, packageSizeMb: 1 },
]);

beforeAll(async () => {
  cache = await temporaryCacheDir();
  ({ resources } = await installMocks({ computed: computedAzure, call: invokes.call, stack: STACK }));
  const { deployAzure } = await import('../../../infra/azure/index.js');
  const deployed = deployAzure(
    [flex],
    { location: LOCATION, plan: 'flex-consumption', flex: { perInstanceConcurrency: 1 } },
    { stackName: STACK, token: pulumi.secret(TOKEN), packageCacheDir: cache.dir },
  );
  outputs = await Promise.all(deployed.map(promiseOf));
  await pulumi.runtime.disconnect();
});

afterAll(async () => cache.remove());

interface SiteConfig {
  linuxFxVersion?: string;
  appSettings: { name: string; value: string }[];
}
const apps = () => ofType(resources, 'azure-native:web:WebApp');
const siteConfig = (app: RecordedResource) => asSecret(app.inputs['siteConfig']).value as SiteConfig;
const settingNames = (app: RecordedResource) => siteConfig(app).appSettings.map((s) => s.name);
const appOf = (subIndex: number, replica: number) => apps().find((a) => a.name.endsWith(`-s${subIndex}-r${replica}`)) as RecordedResource;
const functionAppConfig = (app: RecordedResource) => asSecret(app.inputs['functionAppConfig']).value as Record<string, any>;

describe('deployAzure on Flex Consumption', () => {
  test('outputs as on any plan, with the memory the file asked for', () => {
    expect(outputs.map((o) => ExperimentOutput.parse(o))).toEqual(outputs);
    expect(outputs[0]?.subExperiments.map((s) => [s.deployed.memoryMb, s.endpoints.length])).toEqual([[2048, 2], [4096, 1]]);
  });

  test('every app has a Flex Consumption plan of its own (Flex plans hold one app)', () => {
    const plans = ofType(resources, 'azure-native:web:AppServicePlan');
    expect(plans).toHaveLength(3);
    expect(apps()).toHaveLength(3);
    for (const plan of plans) expect(plan.inputs).toMatchObject({ sku: { name: 'FC1', tier: 'FlexConsumption' }, reserved: true, kind: 'functionapp', location: LOCATION });
    expect(new Set(apps().map((a) => a.inputs['serverFarmId'])).size).toBe(3);
    for (const app of apps()) {
      const plan = plans.find((p) => p.id === app.inputs['serverFarmId']) as RecordedResource;
      expect(`${String(plan.inputs['name'])}-${SUFFIX}`).toBe(app.inputs['name']);
    }
  });

  test('runtime, memory and scale are functionAppConfig settings; the largest burst sets the instance ceiling', () => {
    expect(functionAppConfig(appOf(0, 0))).toMatchObject({
      runtime: { name: 'node', version: '22' },
      scaleAndConcurrency: { instanceMemoryMB: 2048, maximumInstanceCount: 150, triggers: { http: { perInstanceConcurrency: 1 } } },
    });
    expect(functionAppConfig(appOf(1, 0))).toMatchObject({ scaleAndConcurrency: { instanceMemoryMB: 4096, maximumInstanceCount: 100 } });
  });

  test('no Linux Consumption settings that Flex refuses; the deployment storage connection instead', () => {
    for (const app of apps()) {
      expect(siteConfig(app).linuxFxVersion).toBeUndefined();
      for (const gone of ['FUNCTIONS_WORKER_RUNTIME', 'FUNCTIONS_EXTENSION_VERSION', 'WEBSITE_RUN_FROM_PACKAGE']) expect(settingNames(app)).not.toContain(gone);
      expect(settingNames(app)).toEqual(expect.arrayContaining(['DEPLOYMENT_STORAGE_CONNECTION_STRING', 'AzureWebJobsStorage', 'AzureFunctionsWebHost__hostId', 'FAASBENCH_TOKEN']));
      expect(siteConfig(app).appSettings.find((s) => s.name === 'FAASBENCH_MEMORY_MB')?.value).toBe(app === appOf(1, 0) ? '4096' : '2048');
    }
  });

  test('each distinct package is released-package.zip in a deployment container named by its hash, which the apps read with the connection string', async () => {
    const containers = ofType(resources, 'azure-native:storage:BlobContainer').filter((c) => String(c.inputs['containerName']).startsWith('released-'));
    const blobs = ofType(resources, 'azure-native:storage:Blob');
    expect(containers).toHaveLength(2);
    expect(blobs).toHaveLength(2);
    // No shared run-from-package container and no SAS on a Flex stack.
    expect(ofType(resources, 'azure-native:storage:BlobContainer')).toHaveLength(2);
    expect(invokes.calls.filter((c) => c.token === 'azure-native:storage:listStorageAccountServiceSAS')).toHaveLength(0);
    for (const blob of blobs) {
      expect(blob.inputs).toMatchObject({ blobName: 'released-package.zip', type: 'Block', contentType: 'application/zip' });
      const sha256 = createHash('sha256').update(await readFile(await (blob.inputs['source'] as pulumi.asset.FileAsset).path)).digest('hex');
      expect(blob.inputs['containerName']).toBe(`released-${sha256.slice(0, 32)}`);
    }
    const storageOf = (app: RecordedResource) => functionAppConfig(app)['deployment']['storage'];
    expect(storageOf(appOf(0, 0))).toEqual(storageOf(appOf(0, 1)));
    expect(storageOf(appOf(0, 0))).not.toEqual(storageOf(appOf(1, 0)));
    for (const app of apps()) {
      expect(storageOf(app)).toMatchObject({
        type: 'blobContainer',
        value: expect.stringMatching(new RegExp(`^https://fbtest${SUFFIX}\\.blob\\.core\\.windows\\.net/released-[0-9a-f]{32}$`)),
        authentication: { type: 'StorageAccountConnectionString', storageAccountConnectionStringName: 'DEPLOYMENT_STORAGE_CONNECTION_STRING' },
      });
    }
  });

  test('triggers are synced for every app', () => {
    expect(ofType(resources, 'pulumi-nodejs:dynamic/faasbench-azure:SyncTriggers').map((s) => s.name).sort()).toEqual(apps().map((a) => `${a.name}-sync`).sort());
  });
});
