import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as pulumi from '@pulumi/pulumi';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ExperimentOutput } from '../../../infra/outputs.js';
import { installMocks, ofType, promiseOf, type RecordedResource, asSecret } from '../pulumi-mocks.js';
import { ACCOUNT_KEY, ARM_TOKEN, azureCalls, azureExperiment, computedAzure, LOCATION, STACK, SUFFIX, temporaryCacheDir, TOKEN } from './fixtures.js';

/** Pulumi's wire marker of a secret value, as the mock monitor records inputs. */
let resources: RecordedResource[];
let outputs: ExperimentOutput[];
let secretOutputs: boolean[];
let cache: Awaited<ReturnType<typeof temporaryCacheDir>>;
const invokes = azureCalls();

const mixed = azureExperiment('experiments/azure/mixed.json', [
  { runtime: 'nodejs22', parallelism: 3, packageSizeMb: 0 },
  { runtime: 'nodejs22', parallelism: 2, packageSizeMb: 1 },
]);
const second = azureExperiment('experiments/azure/second.json', [{ runtime: 'nodejs22', parallelism: 1, packageSizeMb: 0 }]);

beforeAll(async () => {
  cache = await temporaryCacheDir();
  ({ resources } = await installMocks({ computed: computedAzure, call: invokes.call, stack: STACK }));
  // Imported after the mocks are installed, as Pulumi's mocks require.
  const { deployAzure } = await import('../../../infra/azure/index.js');
  const deployed = deployAzure([mixed, second], { location: LOCATION, plan: 'consumption' }, { stackName: STACK, token: pulumi.secret(TOKEN), packageCacheDir: cache.dir });
  outputs = await Promise.all(deployed.map(promiseOf));
  secretOutputs = await Promise.all(deployed.map((o) => pulumi.isSecret(o)));
  await pulumi.runtime.disconnect();
});

afterAll(async () => cache.remove());

const unwrapSecret = asSecret;

interface SiteConfig {
  linuxFxVersion: string;
  appSettings: { name: string; value: string }[];
}

const apps = () => ofType(resources, 'azure-native:web:WebApp');
const siteConfig = (app: RecordedResource) => unwrapSecret(app.inputs['siteConfig']).value as SiteConfig;
const setting = (app: RecordedResource, name: string) => siteConfig(app).appSettings.find((s) => s.name === name)?.value;
const replicaOf = (app: RecordedResource) => Number(/-r(\d+)$/.exec(app.name)?.[1]);
/** The apps of one sub-experiment in replica order (registration order is not guaranteed). */
const appsOf = (file: string, subIndex: number) =>
  apps()
    .filter((a) => a.name.includes(`-s${subIndex}-r`) && a.name.startsWith(`fb-${STACK}-${file}-`))
    .sort((a, b) => replicaOf(a) - replicaOf(b));
const blobs = () => ofType(resources, 'azure-native:storage:Blob');

describe('deployAzure under mocks', () => {
  test('one output per experiment, valid for the runner, not secret', () => {
    expect(outputs.map((o) => ExperimentOutput.parse(o))).toEqual(outputs);
    expect(outputs.map((o) => [o.file, o.title, o.vendor])).toEqual([
      ['experiments/azure/mixed.json', 'mixed', 'azure'],
      ['experiments/azure/second.json', 'second', 'azure'],
    ]);
    expect(secretOutputs).toEqual([false, false]);
  });

  test('one Function App per replica, each in its own sub-experiment plan, under a unique global name', () => {
    expect(apps()).toHaveLength(6);
    expect(appsOf('mixed', 0)).toHaveLength(3);
    expect(appsOf('mixed', 1)).toHaveLength(2);
    expect(appsOf('second', 0)).toHaveLength(1);
    const names = apps().map((a) => String(a.inputs['name']));
    expect(new Set(names).size).toBe(6);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(60);
      expect(name).toMatch(new RegExp(`^[a-z0-9-]+-${SUFFIX}$`));
    }
    const plans = ofType(resources, 'azure-native:web:AppServicePlan');
    expect(plans).toHaveLength(3);
    const subsOfPlan = new Map(plans.map((p) => [p.id, new Set(apps().filter((a) => a.inputs['serverFarmId'] === p.id).map((a) => a.name.replace(/-r\d+$/, '')))]));
    expect([...subsOfPlan.values()].map((subs) => subs.size)).toEqual([1, 1, 1]);
    expect(apps().every((a) => subsOfPlan.has(String(a.inputs['serverFarmId'])))).toBe(true);
    expect(ofType(resources, 'faasbench:azure:MeasurementFunctions')).toHaveLength(3);
    expect(ofType(resources, 'faasbench:azure:StackResources')).toHaveLength(1);
  });

  test('every plan is Linux Consumption (Y1, Dynamic, reserved), named after its sub-experiment within 60 characters', () => {
    const plans = ofType(resources, 'azure-native:web:AppServicePlan');
    for (const plan of plans) {
      expect(plan.inputs).toMatchObject({ sku: { name: 'Y1', tier: 'Dynamic' }, reserved: true, kind: 'functionapp', location: LOCATION });
      expect(String(plan.inputs['name'])).toMatch(/^fb-test-[a-z0-9-]+-[0-9a-f]{4}-s\d$/);
      expect(String(plan.inputs['name']).length).toBeLessThanOrEqual(60);
    }
    expect(new Set(plans.map((p) => p.inputs['name'])).size).toBe(plans.length);
  });

  test('every app has its triggers synced through ARM once it exists, keyed by the package it runs', async () => {
    const syncs = ofType(resources, 'pulumi-nodejs:dynamic/faasbench-azure:SyncTriggers');
    expect(syncs).toHaveLength(apps().length);
    const blobSha = (prefix: string) => /-([0-9a-f]{64})\.zip$/.exec(String(blobs().find((b) => String(b.inputs['blobName']).startsWith(prefix))?.inputs['blobName']))?.[1];
    for (const app of apps()) {
      const sync = syncs.find((s) => s.name === `${app.name}-sync`) as RecordedResource;
      expect(sync.inputs).toMatchObject({ appId: app.id, armEndpoint: 'https://management.azure.com', apiVersion: '2024-11-01' });
      expect(asSecret(sync.inputs['token'])).toEqual({ secret: true, value: ARM_TOKEN });
      expect(typeof sync.inputs['__provider']).toBe('string');
      const packageMb = appsOf('mixed', 1).includes(app) ? '1mb' : '0mb';
      expect(sync.inputs['packageSha256']).toBe(blobSha(`measure-${packageMb}-`));
    }
    expect(invokes.calls.filter((c) => c.token === 'azure-native:authorization:getClientToken')).toHaveLength(apps().length);
  });

  test('apps are Linux Node function apps on Functions v4, HTTPS only, without client affinity', () => {
    for (const app of apps()) {
      expect(app.inputs).toMatchObject({ kind: 'functionapp,linux', reserved: true, httpsOnly: true, clientAffinityEnabled: false, location: LOCATION });
      expect(setting(app, 'FUNCTIONS_WORKER_RUNTIME')).toBe('node');
      expect(setting(app, 'FUNCTIONS_EXTENSION_VERSION')).toBe('~4');
    }
    expect(appsOf('mixed', 0).map((a) => [siteConfig(a).linuxFxVersion, setting(a, 'FAASBENCH_RUNTIME')])).toEqual(Array(3).fill(['Node|22', 'nodejs22']));
    expect(appsOf('mixed', 1).map((a) => [siteConfig(a).linuxFxVersion, setting(a, 'FAASBENCH_RUNTIME')])).toEqual(Array(2).fill(['Node|22', 'nodejs22']));
  });

  test('one blob per distinct package, named by its hash, shared by every app that runs it', async () => {
    expect(blobs()).toHaveLength(2);
    for (const blob of blobs()) {
      const path = await (blob.inputs['source'] as pulumi.asset.FileAsset).path;
      const sha256 = createHash('sha256').update(await readFile(path)).digest('hex');
      expect(blob.inputs['blobName']).toMatch(new RegExp(`^measure-[01]mb-${sha256}\\.zip$`));
      expect(blob.inputs).toMatchObject({ containerName: 'packages', type: 'Block', contentType: 'application/zip' });
    }
    const urlOf = (blob: RecordedResource | undefined) =>
      `https://fbtest${SUFFIX}.blob.core.windows.net/packages/${String(blob?.inputs['blobName'])}?sv=2024-01-01&sr=c&sp=r&sig=${encodeURIComponent(`/blob/fbtest${SUFFIX}/packages`)}`;
    const zeroMb = blobs().find((b) => String(b.inputs['blobName']).startsWith('measure-0mb-'));
    const oneMb = blobs().find((b) => String(b.inputs['blobName']).startsWith('measure-1mb-'));
    for (const app of [...appsOf('mixed', 0), ...appsOf('second', 0)]) expect(setting(app, 'WEBSITE_RUN_FROM_PACKAGE')).toBe(urlOf(zeroMb));
    for (const app of appsOf('mixed', 1)) expect(setting(app, 'WEBSITE_RUN_FROM_PACKAGE')).toBe(urlOf(oneMb));
  });

  test('the package SAS is read-only, HTTPS-only, for the package container, with fixed dates', () => {
    const sas = invokes.calls.filter((c) => c.token === 'azure-native:storage:listStorageAccountServiceSAS');
    expect(sas).toHaveLength(1);
    expect(sas[0]?.inputs).toEqual({
      resourceGroupName: `fb-${STACK}1a2b3c4d`,
      accountName: `fbtest${SUFFIX}`,
      canonicalizedResource: `/blob/fbtest${SUFFIX}/packages`,
      resource: 'c',
      permissions: 'r',
      protocols: 'https',
      sharedAccessStartTime: '2026-01-01T00:00:00Z',
      sharedAccessExpiryTime: '2036-01-01T00:00:00Z',
    });
  });

  test('token, storage key and package URL reach every app, inside a secret site config', () => {
    for (const app of apps()) {
      expect(unwrapSecret(app.inputs['siteConfig']).secret).toBe(true);
      expect(setting(app, 'FAASBENCH_TOKEN')).toBe(TOKEN);
      expect(setting(app, 'AzureWebJobsStorage')).toBe(
        `DefaultEndpointsProtocol=https;AccountName=fbtest${SUFFIX};AccountKey=${ACCOUNT_KEY};EndpointSuffix=core.windows.net`,
      );
    }
  });

  test('the measurement core gets its settings, and every app its own host ID', () => {
    const sub = appsOf('mixed', 1)[0] as RecordedResource;
    expect(Object.fromEntries(siteConfig(sub).appSettings.filter((s) => s.name.startsWith('FAASBENCH_') && s.name !== 'FAASBENCH_TOKEN').map((s) => [s.name, s.value]))).toEqual({
      FAASBENCH_VENDOR: 'azure',
      FAASBENCH_REGION: LOCATION,
      FAASBENCH_RUNTIME: 'nodejs22',
      FAASBENCH_MEMORY_MB: '1536',
      FAASBENCH_MAX_SPIN_MS: '60000',
      FAASBENCH_MAX_PAYLOAD_BYTES: String(100 * 1024 * 1024),
    });
    const hostIds = apps().map((a) => setting(a, 'AzureFunctionsWebHost__hostId'));
    expect(new Set(hostIds).size).toBe(apps().length);
    for (const id of hostIds) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });

  test('everything lives in the one resource group', () => {
    const groups = ofType(resources, 'azure-native:resources:ResourceGroup');
    expect(groups).toHaveLength(1);
    expect(groups[0]?.inputs).toEqual({ location: LOCATION });
    const azure = resources.filter((r) => r.type.startsWith('azure-native:') && r.type !== 'azure-native:resources:ResourceGroup');
    expect(new Set(azure.map((r) => r.type))).toEqual(
      new Set(['azure-native:storage:StorageAccount', 'azure-native:storage:BlobContainer', 'azure-native:storage:Blob', 'azure-native:web:AppServicePlan', 'azure-native:web:WebApp']),
    );
    for (const resource of azure) expect(resource.inputs['resourceGroupName']).toBe(`fb-${STACK}1a2b3c4d`);
  });

  test('the storage account is private and its name a valid global name', () => {
    const [account] = ofType(resources, 'azure-native:storage:StorageAccount');
    expect(account?.inputs).toMatchObject({ accountName: `fbtest${SUFFIX}`, allowBlobPublicAccess: false, kind: 'StorageV2', sku: { name: 'Standard_LRS' } });
    expect(String(account?.inputs['accountName'])).toMatch(/^[a-z0-9]{3,24}$/);
    expect(ofType(resources, 'azure-native:storage:BlobContainer')[0]?.inputs).toMatchObject({ publicAccess: 'None' });
  });

  test('endpoints carry the app URL, the exact zip size and the replica', async () => {
    const [first] = outputs;
    const sub1 = first?.subExperiments[1];
    expect(sub1?.deployed).toEqual({ runtime: 'nodejs22', memoryMb: 1536, packageSizeMb: 1, parallelism: 2, chain: null });
    const oneMb = blobs().find((b) => String(b.inputs['blobName']).startsWith('measure-1mb-'));
    const zip = await readFile(await (oneMb?.inputs['source'] as pulumi.asset.FileAsset).path);
    expect(zip.length).toBe(1024 * 1024);
    expect(sub1?.endpoints).toEqual(
      appsOf('mixed', 1).map((app, replica) => ({
        url: `https://${String(app.inputs['name'])}.azurewebsites.net/api/measure`,
        vendor: 'azure',
        region: LOCATION,
        runtime: 'nodejs22',
        memoryMb: 1536,
        packageBytes: zip.length,
        replica,
        functionName: String(app.inputs['name']),
      })),
    );
  });
});
