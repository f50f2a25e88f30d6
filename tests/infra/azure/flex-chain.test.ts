import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as pulumi from '@pulumi/pulumi';
import { asSecret, installMocks, ofType, promiseOf, type RecordedResource } from '../pulumi-mocks.js';
import { azureCalls, azureExperiment, computedAzure, LOCATION, STACK, SUFFIX, temporaryCacheDir, TOKEN } from './fixtures.js';

/** A storage chain on a Flex Consumption stack, under Pulumi's mocks: a plan per hop, settings as on Consumption. */

let resources: RecordedResource[];
let cache: Awaited<ReturnType<typeof temporaryCacheDir>>;
let endpointName: string;
const invokes = azureCalls();

const chain = azureExperiment('experiments/azure/flex-chain.json', [
  { title: 'storage', parallelism: 1, memoryMb: 2048, chain: { length: 2, transfer: 'storage', payloadBytes: 1000 } },
]);

// Builds the packages for real, so the hook gets more time than a test on a loaded CPU.
beforeAll(async () => {
  cache = await temporaryCacheDir();
  ({ resources } = await installMocks({ computed: computedAzure, call: invokes.call, stack: STACK }));
  const { deployAzure } = await import('../../../infra/azure/index.js');
  const [deployed] = deployAzure([chain], { location: LOCATION, plan: 'flex-consumption' }, { stackName: STACK, token: pulumi.secret(TOKEN), packageCacheDir: cache.dir });
  endpointName = (await promiseOf(deployed!)).subExperiments[0]!.endpoints[0]!.functionName;
  await pulumi.runtime.disconnect();
}, 90_000);

afterAll(async () => cache.remove());

const apps = () => ofType(resources, 'azure-native:web:WebApp');
const settings = (a: RecordedResource) => Object.fromEntries((asSecret(a.inputs['siteConfig']).value as { appSettings: { name: string; value: unknown }[] }).appSettings.map((s) => [s.name, s.value]));

describe('a storage chain on Flex Consumption', () => {
  test('one app and one FC1 plan per hop; hop 0 calls hop 1; both get the transfer container and SAS', () => {
    expect(apps()).toHaveLength(2);
    const plans = ofType(resources, 'azure-native:web:AppServicePlan');
    expect(plans).toHaveLength(2);
    for (const plan of plans) expect(plan.inputs).toMatchObject({ sku: { name: 'FC1', tier: 'FlexConsumption' } });
    const hop0 = apps().find((a) => a.inputs['name'] === endpointName) as RecordedResource;
    const hop1 = apps().find((a) => a !== hop0) as RecordedResource;
    expect(hop1.name).toBe(`${hop0.name}-h1`);
    expect(settings(hop0)['FAASBENCH_NEXT_HOP_URL']).toBe(`https://${hop0.name}-h1-${SUFFIX}.azurewebsites.net/api/measure`);
    expect(settings(hop1)['FAASBENCH_NEXT_HOP_URL']).toBeUndefined();
    for (const a of [hop0, hop1]) {
      expect(settings(a)['FAASBENCH_STORE_CONTAINER_URL']).toBe(`https://fbtest${SUFFIX}.blob.core.windows.net/transfers`);
      expect(typeof settings(a)['FAASBENCH_STORE_SAS']).toBe('string');
      // A quarter of 2048 MB.
      expect(settings(a)['FAASBENCH_CHAIN_MAX_PAYLOAD_BYTES']).toBe(String(512 * 1024 * 1024));
      // Flex apps must not carry the settings Flex deprecates.
      expect(settings(a)['FUNCTIONS_WORKER_RUNTIME']).toBeUndefined();
    }
    expect(ofType(resources, 'azure-native:storage:ManagementPolicy')).toHaveLength(1);
  });
});
