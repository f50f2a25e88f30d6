import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as pulumi from '@pulumi/pulumi';
import { loadExperimentFile } from '../../../experiments/schema/index.js';
import { ExperimentOutput } from '../../../infra/outputs.js';
import { installMocks, ofType, promiseOf, type RecordedResource } from '../pulumi-mocks.js';
import { computedGcp, gcpExperiment, PROJECT, REGION, STACK, temporaryCacheDir, TOKEN, TYPES, unwrapSecret } from './fixtures.js';

/**
 * Chains on Google under Pulumi's mocks: one function per hop and replica, each told the next
 * hop's URL; one transfer bucket (private, expiring leftovers) for the stack's storage chains,
 * whose objects only the storage hops' own service account is granted.
 */

let resources: RecordedResource[];
let output: ExperimentOutput;
/** The shipped study, deployed in the same stack. */
let shipped: ExperimentOutput;
let cache: Awaited<ReturnType<typeof temporaryCacheDir>>;

const experiment = gcpExperiment('experiments/gcp/chain-mix.json', [
  { parallelism: 2, chain: { length: 3, transfer: 'inline', payloadBytes: 1024 } },
  { parallelism: 2, memoryMb: 1024, requestTimeoutMs: 120_000, chain: { length: 2, transfer: 'storage', payloadBytes: 1024 * 1024 } },
  { parallelism: 1 },
]);

beforeAll(async () => {
  cache = await temporaryCacheDir();
  ({ resources } = await installMocks({ computed: computedGcp, stack: STACK }));
  const { deployGcp } = await import('../../../infra/gcp/index.js');
  const file = await loadExperimentFile('experiments/gcp/chains.json', { drawSeed: () => 1 });
  const deployed = deployGcp([experiment, file], { project: PROJECT, region: REGION }, { stackName: STACK, token: pulumi.secret(TOKEN), packageCacheDir: cache.dir });
  [output, shipped] = (await Promise.all(deployed.map(promiseOf))) as [ExperimentOutput, ExperimentOutput];
  await pulumi.runtime.disconnect();
});

afterAll(async () => cache.remove());

const functions = () => ofType(resources, TYPES.function);
const byName = (name: string) => functions().find((f) => f.inputs['name'] === name);
const serviceOf = (name: string) => unwrapSecret(byName(name)?.inputs['serviceConfig']).value as Record<string, any>;
const envOf = (name: string) => serviceOf(name)['environmentVariables'] as Record<string, string>;
const urlOf = (name: string) => `https://${REGION}-${PROJECT}.cloudfunctions.net/${name}`;
const chainAccount = () => ofType(resources, TYPES.account).find((a) => String(a.inputs['accountId']).endsWith('-chain'));

describe('chains on Google under mocks', () => {
  test('one function and invoker per hop and replica; the endpoint is hop 0, named as a replica is', () => {
    expect(ExperimentOutput.parse(output)).toEqual(output);
    // The shipped study: 7 chains of 2, one replica each.
    expect(shipped.subExperiments.map((s) => s.endpoints.length)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(functions()).toHaveLength(2 * 3 + 2 * 2 + 1 + 7 * 2);
    expect(ofType(resources, TYPES.invoker)).toHaveLength(25);
    const [inline, storage, plain] = output.subExperiments;
    expect([inline?.deployed.chain, storage?.deployed.chain, plain?.deployed.chain]).toEqual([
      { length: 3, transfer: 'inline' },
      { length: 2, transfer: 'storage' },
      null,
    ]);
    for (const sub of [inline, storage]) {
      for (const endpoint of sub?.endpoints ?? []) {
        expect(endpoint.functionName).toMatch(new RegExp(`^fb-test-chain-mix-[0-9a-f]{4}-s${sub?.index}-r${endpoint.replica}$`));
        expect(endpoint.url).toBe(urlOf(endpoint.functionName));
        expect(envOf(endpoint.functionName)['FAASBENCH_CHAIN_POSITION']).toBe('0');
      }
    }
  });

  test("hop i's settings name hop i + 1's URL of the same replica; the last hop names none", () => {
    for (const sub of [...output.subExperiments.slice(0, 2), ...shipped.subExperiments]) {
      const length = sub.deployed.chain!.length;
      for (const endpoint of sub.endpoints) {
        const names = Array.from({ length }, (_, i) => `${endpoint.functionName}${i === 0 ? '' : `-h${i}`}`);
        names.forEach((name, position) => {
          expect(envOf(name)).toMatchObject({
            FAASBENCH_TOKEN: TOKEN,
            FAASBENCH_VENDOR: 'gcp',
            FAASBENCH_CHAIN_POSITION: String(position),
            FAASBENCH_CHAIN_LENGTH: String(length),
            FAASBENCH_CHAIN_TRANSFER: sub.deployed.chain!.transfer,
          });
          if (position === length - 1) expect(envOf(name)['FAASBENCH_NEXT_HOP_URL']).toBeUndefined();
          else expect(envOf(name)['FAASBENCH_NEXT_HOP_URL']).toBe(urlOf(names[position + 1]!));
          expect(serviceOf(name)['timeoutSeconds']).toBe(sub === output.subExperiments[1] ? 150 : 90);
        });
      }
    }
    expect(serviceOf(output.subExperiments[2]!.endpoints[0]!.functionName)['timeoutSeconds']).toBe(90);
  });

  test('one private transfer bucket, destroyed with the stack, whose leftovers under transfers/ expire after a day', () => {
    const buckets = ofType(resources, TYPES.bucket).filter((b) => String(b.inputs['name']).endsWith('-xfer'));
    expect(buckets).toHaveLength(1);
    expect(buckets[0]?.inputs).toEqual({
      name: expect.stringMatching(/^fb-test-[0-9a-f]{8}-xfer$/),
      location: REGION.toUpperCase(),
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      forceDestroy: true,
      softDeletePolicy: { retentionDurationSeconds: 0 },
      lifecycleRules: [{ action: { type: 'Delete' }, condition: { age: 1, matchesPrefixes: ['transfers/'] } }],
    });
    expect(ofType(resources, TYPES.bucket)).toHaveLength(2);
  });

  test("only storage hops run as the chain account, which is granted that bucket's objects and nothing else", () => {
    const account = chainAccount();
    expect(account?.inputs['accountId']).toMatch(/^fb-test-[0-9a-f]{5}-chain$/);
    expect(String(account?.inputs['accountId']).length).toBeLessThanOrEqual(30);
    const email = `${String(account?.inputs['accountId'])}@${PROJECT}.iam.gserviceaccount.com`;
    const bucket = ofType(resources, TYPES.bucket).find((b) => String(b.inputs['name']).endsWith('-xfer'))!.inputs['name'];
    expect(ofType(resources, TYPES.bucketMember).map((m) => m.inputs)).toEqual([{ bucket, role: 'roles/storage.objectUser', member: `serviceAccount:${email}` }]);
    // No project-wide grant names it.
    for (const member of ofType(resources, TYPES.projectMember)) expect(member.inputs['member']).not.toContain('-chain@');

    const storageNames = new Set(
      [output.subExperiments[1]!, ...shipped.subExperiments.filter((sub) => sub.deployed.chain?.transfer === 'storage')].flatMap((sub) =>
        sub.endpoints.flatMap((e) => [e.functionName, `${e.functionName}-h1`]),
      ),
    );
    expect(storageNames.size).toBe(4 + 4 * 2);
    for (const f of functions()) {
      const name = String(f.inputs['name']);
      expect(serviceOf(name)['serviceAccountEmail']).toBe(storageNames.has(name) ? email : undefined);
      expect(envOf(name)['FAASBENCH_STORE_BUCKET']).toBe(storageNames.has(name) ? bucket : undefined);
    }
  });
});
