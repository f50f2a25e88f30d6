import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as pulumi from '@pulumi/pulumi';
import { parseStackConfig } from '../../../infra/config.js';
import { ExperimentOutput } from '../../../infra/outputs.js';
import { asSecret, installMocks, ofType, promiseOf, type RecordedResource } from '../pulumi-mocks.js';
import { azureCalls, azureExperiment, computedAzure, LOCATION, STACK, SUFFIX, temporaryCacheDir, TOKEN } from './fixtures.js';

/**
 * deployAzure with chains on a Linux Consumption stack, under Pulumi's mocks: one Function App
 * per hop and replica wired to the next app's HTTPS endpoint; the transfer container, its SAS
 * and the lifecycle rule made for storage chains and given to their apps only.
 */

let resources: RecordedResource[];
let output: ExperimentOutput;
let cache: Awaited<ReturnType<typeof temporaryCacheDir>>;
const invokes = azureCalls();

const chains = azureExperiment('experiments/azure/chains.json', [
  { title: 'inline', parallelism: 2, chain: { length: 3, transfer: 'inline', payloadBytes: 1000 } },
  { title: 'storage', parallelism: 2, chain: { length: 2, transfer: 'storage', payloadBytes: 1000 } },
  { title: 'plain', parallelism: 1 },
]);

// Builds the packages for real, so the hook gets more time than a test on a loaded CPU.
beforeAll(async () => {
  cache = await temporaryCacheDir();
  ({ resources } = await installMocks({ computed: computedAzure, call: invokes.call, stack: STACK }));
  const { deployAzure } = await import('../../../infra/azure/index.js');
  const [deployed] = deployAzure([chains], { location: LOCATION, plan: 'consumption' }, { stackName: STACK, token: pulumi.secret(TOKEN), packageCacheDir: cache.dir });
  output = await promiseOf(deployed!);
  await pulumi.runtime.disconnect();
}, 90_000);

afterAll(async () => cache.remove());

interface SiteConfig {
  appSettings: { name: string; value: unknown }[];
}
const apps = () => ofType(resources, 'azure-native:web:WebApp');
const app = (base: string) => apps().find((a) => a.name === base) as RecordedResource;
const settings = (a: RecordedResource) => Object.fromEntries((asSecret(a.inputs['siteConfig']).value as SiteConfig).appSettings.map((s) => [s.name, s.value]));
const physical = (base: string) => `${base}-${SUFFIX}`;
/** Logical names (the physical ones less the suffix) of each replica's hop 0. */
const hop0 = (subIndex: number) => output.subExperiments[subIndex]!.endpoints.map((e) => e.functionName.replace(new RegExp(`-${SUFFIX}$`), ''));

describe('deployAzure with chains', () => {
  test('one Function App per hop and replica, 2 x 3 + 2 x 2 + 1, every one in its sub-experiment plan and synced', () => {
    expect(ExperimentOutput.parse(output)).toEqual(output);
    expect(apps()).toHaveLength(11);
    expect(ofType(resources, 'pulumi-nodejs:dynamic/faasbench-azure:SyncTriggers')).toHaveLength(11);
    expect(output.subExperiments.map((s) => [s.endpoints.length, s.deployed.chain])).toEqual([
      [2, { length: 3, transfer: 'inline' }],
      [2, { length: 2, transfer: 'storage' }],
      [1, null],
    ]);
    for (const base of hop0(0)) {
      const hops = [base, `${base}-h1`, `${base}-h2`].map(app);
      expect(hops.every((a) => a !== undefined)).toBe(true);
      expect(new Set(hops.map((a) => a.inputs['serverFarmId'])).size).toBe(1);
      for (const a of hops) expect(String(a.inputs['name']).length).toBeLessThanOrEqual(60);
    }
    expect(ofType(resources, 'azure-native:web:AppServicePlan')).toHaveLength(3);
  });

  test("each hop holds the next hop's HTTPS endpoint of its own replica; the last none", () => {
    for (const base of hop0(0)) {
      expect(settings(app(base))['FAASBENCH_NEXT_HOP_URL']).toBe(`https://${physical(`${base}-h1`)}.azurewebsites.net/api/measure`);
      expect(settings(app(`${base}-h1`))['FAASBENCH_NEXT_HOP_URL']).toBe(`https://${physical(`${base}-h2`)}.azurewebsites.net/api/measure`);
      expect(settings(app(`${base}-h2`))['FAASBENCH_NEXT_HOP_URL']).toBeUndefined();
      expect([base, `${base}-h1`, `${base}-h2`].map((hop) => settings(app(hop))['FAASBENCH_CHAIN_POSITION'])).toEqual(['0', '1', '2']);
      expect(settings(app(base))).toMatchObject({
        FAASBENCH_CHAIN_LENGTH: '3',
        FAASBENCH_CHAIN_TRANSFER: 'inline',
        FAASBENCH_CHAIN_MAX_PAYLOAD_BYTES: String(100 * 1024 * 1024),
        FAASBENCH_CHAIN_NEXT_TIMEOUT_MS: '60000',
      });
    }
    // The runner calls hop 0.
    expect(output.subExperiments[0]!.endpoints[0]!.url).toBe(`https://${physical(hop0(0)[0]!)}.azurewebsites.net/api/measure`);
  });

  test('storage chain apps, and only they, get the transfer container URL and its SAS as a secret', () => {
    const storageApps = hop0(1).flatMap((base) => [base, `${base}-h1`]);
    for (const a of apps()) {
      const s = settings(a);
      if (storageApps.includes(a.name)) {
        expect(s['FAASBENCH_STORE_CONTAINER_URL']).toBe(`https://fbtest${SUFFIX}.blob.core.windows.net/transfers`);
        expect(s['FAASBENCH_STORE_SAS']).toBe(`sv=2024-01-01&sr=c&sp=r&sig=${encodeURIComponent(`/blob/fbtest${SUFFIX}/transfers`)}`);
        // A quarter of the app's 1536 MB.
        expect(s).toMatchObject({ FAASBENCH_CHAIN_TRANSFER: 'storage', FAASBENCH_CHAIN_MAX_PAYLOAD_BYTES: String(384 * 1024 * 1024) });
      } else {
        expect(Object.keys(s).filter((name) => name.startsWith('FAASBENCH_STORE_'))).toEqual([]);
      }
      // The whole site config, SAS included, travels as a secret.
      expect(asSecret(a.inputs['siteConfig']).secret).toBe(true);
    }
    expect(Object.keys(settings(app(hop0(2)[0]!))).filter((name) => name.startsWith('FAASBENCH_CHAIN_') || name === 'FAASBENCH_NEXT_HOP_URL')).toEqual([]);
  });

  test('the SAS is HTTPS-only read-create-write-delete on the transfers container alone, with fixed dates', () => {
    const transfer = invokes.calls.filter((c) => c.token === 'azure-native:storage:listStorageAccountServiceSAS' && String(c.inputs['canonicalizedResource']).endsWith('/transfers'));
    expect(transfer).toHaveLength(1);
    expect(transfer[0]?.inputs).toEqual({
      resourceGroupName: `fb-${STACK}1a2b3c4d`,
      accountName: `fbtest${SUFFIX}`,
      canonicalizedResource: `/blob/fbtest${SUFFIX}/transfers`,
      resource: 'c',
      permissions: 'rcwd',
      protocols: 'https',
      sharedAccessStartTime: '2026-01-01T00:00:00Z',
      sharedAccessExpiryTime: '2036-01-01T00:00:00Z',
    });
  });

  test('one private transfers container in the stack account, and the account policy deletes transfers/ one day after the last write', () => {
    const containers = ofType(resources, 'azure-native:storage:BlobContainer').filter((c) => c.inputs['containerName'] === 'transfers');
    expect(containers).toHaveLength(1);
    expect(containers[0]?.inputs).toEqual({ resourceGroupName: `fb-${STACK}1a2b3c4d`, accountName: `fbtest${SUFFIX}`, containerName: 'transfers', publicAccess: 'None' });
    const policies = ofType(resources, 'azure-native:storage:ManagementPolicy');
    expect(policies).toHaveLength(1);
    expect(policies[0]?.inputs).toEqual({
      resourceGroupName: `fb-${STACK}1a2b3c4d`,
      accountName: `fbtest${SUFFIX}`,
      managementPolicyName: 'default',
      policy: {
        rules: [
          {
            name: 'expire-transfers',
            enabled: true,
            type: 'Lifecycle',
            definition: { filters: { blobTypes: ['blockBlob'], prefixMatch: ['transfers/'] }, actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: 1 } } } },
          },
        ],
      },
    });
  });

  test('a Consumption plan holds 100 apps: parallelism times chain length above that is refused up front', async () => {
    const { checkSubExperimentOnPlan } = await import('../../../infra/azure/index.js');
    const big = azureExperiment('experiments/azure/big.json', [{ parallelism: 34, chain: { length: 3, transfer: 'inline', payloadBytes: 10 } }]);
    const fits = azureExperiment('experiments/azure/fits.json', [{ parallelism: 33, chain: { length: 3, transfer: 'inline', payloadBytes: 10 } }]);
    const consumption = parseStackConfig({ experiments: ['x.json'], azure: { location: LOCATION } }, 'dev').azure!;
    expect(() => checkSubExperimentOnPlan(big, big.subExperiments[0]!, consumption, STACK)).toThrow(
      'experiments/azure/big.json: subExperiments[0].parallelism is 34 with a chain of 3, which makes 102 Function Apps: more than the 100 one Linux Consumption plan holds',
    );
    expect(() => checkSubExperimentOnPlan(fits, fits.subExperiments[0]!, consumption, STACK)).not.toThrow();
    const flex = parseStackConfig({ experiments: ['x.json'], azure: { location: LOCATION, plan: 'flex-consumption' } }, 'dev').azure!;
    const flexBig = azureExperiment('experiments/azure/big.json', [{ parallelism: 34, memoryMb: 2048, chain: { length: 3, transfer: 'inline', payloadBytes: 10 } }]);
    expect(() => checkSubExperimentOnPlan(flexBig, flexBig.subExperiments[0]!, flex, STACK)).not.toThrow();
  });

  test('the shipped experiments/azure/chains.json deploys on a Consumption stack', async () => {
    const { loadExperimentFile } = await import('../../../experiments/schema/index.js');
    const { checkSubExperimentOnPlan } = await import('../../../infra/azure/index.js');
    const shipped = await loadExperimentFile('experiments/azure/chains.json', { drawSeed: () => 1 });
    const consumption = parseStackConfig({ experiments: ['x.json'], azure: { location: LOCATION } }, 'dev').azure!;
    expect(shipped.subExperiments.map((sub) => [sub.chain?.transfer, sub.chain?.length])).toEqual([...Array(3).fill(['inline', 3]), ...Array(3).fill(['storage', 3])]);
    for (const sub of shipped.subExperiments) expect(() => checkSubExperimentOnPlan(shipped, sub, consumption, STACK)).not.toThrow();
  });
});
