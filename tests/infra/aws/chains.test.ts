import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as pulumi from '@pulumi/pulumi';
import { loadExperimentFile } from '../../../experiments/schema/index.js';
import { ExperimentOutput } from '../../../infra/outputs.js';
import { installMocks, ofType, promiseOf, type RecordedResource, unwrapSecrets } from '../pulumi-mocks.js';
import { awsExperiment, computedAws, REGION, STACK, temporaryCacheDir, TOKEN } from './fixtures.js';

/**
 * Chains on AWS under Pulumi's mocks: one function per hop and replica, each told the next
 * hop's Function URL; one transfer bucket (private, expiring leftovers) for the stack's storage
 * chains, reachable only by their own role and only under transfers/.
 */

let resources: RecordedResource[];
let output: ExperimentOutput;
/** The shipped study, deployed in the same stack. */
let shipped: ExperimentOutput;
let cache: Awaited<ReturnType<typeof temporaryCacheDir>>;

const experiment = awsExperiment('experiments/aws/chain-mix.json', [
  { parallelism: 2, chain: { length: 3, transfer: 'inline', payloadBytes: 1024 } },
  { parallelism: 2, memoryMb: 1024, requestTimeoutMs: 120_000, chain: { length: 2, transfer: 'storage', payloadBytes: 1024 * 1024 } },
  { parallelism: 1 },
]);

const PLAIN_ROLE = 'arn:aws:iam::123456789012:role/fb-test-lambda-20261123';
const CHAIN_ROLE = 'arn:aws:iam::123456789012:role/fb-test-chain-20261123';
const TRANSFER_BUCKET = 'fb-test-transfers-20261123';

beforeAll(async () => {
  cache = await temporaryCacheDir();
  ({ resources } = await installMocks({ computed: computedAws, stack: STACK }));
  const { deployAws } = await import('../../../infra/aws/index.js');
  const file = await loadExperimentFile('experiments/aws/chains.json', { drawSeed: () => 1 });
  const deployed = deployAws([experiment, file], { region: REGION, architecture: 'arm64' }, { stackName: STACK, token: pulumi.secret(TOKEN), packageCacheDir: cache.dir });
  [output, shipped] = (await Promise.all(deployed.map(promiseOf))) as [ExperimentOutput, ExperimentOutput];
  await pulumi.runtime.disconnect();
});

afterAll(async () => cache.remove());

const functions = () => ofType(resources, 'aws:lambda/function:Function');
const byName = (name: string) => functions().find((f) => f.inputs['name'] === name);
const envOf = (name: string) => (unwrapSecrets(byName(name)?.inputs['environment']) as { variables: Record<string, string> }).variables;
const urlOf = (name: string) => `https://${name}.lambda-url.${REGION}.on.aws/`;

describe('chains on AWS under mocks', () => {
  test('one function per hop and replica; the endpoint is hop 0, named as a replica is', () => {
    expect(ExperimentOutput.parse(output)).toEqual(output);
    // The shipped study: 7 chains of 2, one replica each.
    expect(shipped.subExperiments.map((s) => s.endpoints.length)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(functions()).toHaveLength(2 * 3 + 2 * 2 + 1 + 7 * 2);
    expect(ofType(resources, 'aws:lambda/functionUrl:FunctionUrl')).toHaveLength(25);
    expect(ofType(resources, 'aws:cloudwatch/logGroup:LogGroup')).toHaveLength(25);
    const [inline, storage, plain] = output.subExperiments;
    expect(inline?.deployed.chain).toEqual({ length: 3, transfer: 'inline' });
    expect(storage?.deployed.chain).toEqual({ length: 2, transfer: 'storage' });
    expect(plain?.deployed.chain).toBeNull();
    for (const sub of [inline, storage]) {
      for (const endpoint of sub?.endpoints ?? []) {
        expect(endpoint.functionName).toMatch(new RegExp(`^fb-test-chain-mix-[0-9a-f]{4}-s${sub?.index}-r${endpoint.replica}$`));
        expect(endpoint.url).toBe(urlOf(endpoint.functionName));
        expect(envOf(endpoint.functionName)['FAASBENCH_CHAIN_POSITION']).toBe('0');
      }
    }
  });

  test("hop i's settings name hop i + 1's Function URL of the same replica; the last hop names none", () => {
    for (const sub of [...output.subExperiments.slice(0, 2), ...shipped.subExperiments]) {
      const length = sub.deployed.chain!.length;
      for (const endpoint of sub.endpoints) {
        const names = Array.from({ length }, (_, i) => `${endpoint.functionName}${i === 0 ? '' : `-h${i}`}`);
        names.forEach((name, position) => {
          const env = envOf(name);
          expect(env).toMatchObject({
            FAASBENCH_TOKEN: TOKEN,
            FAASBENCH_CHAIN_POSITION: String(position),
            FAASBENCH_CHAIN_LENGTH: String(length),
            FAASBENCH_CHAIN_TRANSFER: sub.deployed.chain!.transfer,
            FAASBENCH_CHAIN_NEXT_TIMEOUT_MS: sub === output.subExperiments[1] ? '120000' : '60000',
          });
          if (position === length - 1) expect(env['FAASBENCH_NEXT_HOP_URL']).toBeUndefined();
          else expect(env['FAASBENCH_NEXT_HOP_URL']).toBe(urlOf(names[position + 1]!));
        });
      }
    }
    // Inline payloads travel in a Function URL request body (4 MiB); storage ones up to a quarter of 1024 MB.
    expect(envOf(output.subExperiments[0]!.endpoints[0]!.functionName)['FAASBENCH_CHAIN_MAX_PAYLOAD_BYTES']).toBe(String(4 * 1024 * 1024));
    expect(envOf(output.subExperiments[1]!.endpoints[0]!.functionName)['FAASBENCH_CHAIN_MAX_PAYLOAD_BYTES']).toBe(String(256 * 1024 * 1024));
  });

  test('a hop outlasts its wait for the next: the timeout covers requestTimeoutMs', () => {
    const timeout = (sub: number) => byName(output.subExperiments[sub]!.endpoints[0]!.functionName)?.inputs['timeout'];
    expect([timeout(0), timeout(1), timeout(2)]).toEqual([90, 150, 90]);
  });

  test('one private transfer bucket, destroyed with the stack, whose leftovers under transfers/ expire after a day', () => {
    const buckets = ofType(resources, 'aws:s3/bucket:Bucket');
    expect(buckets.map((b) => b.inputs)).toEqual([{ bucketPrefix: 'fb-test-transfers-', forceDestroy: true }]);
    const [block] = ofType(resources, 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock');
    expect(block?.inputs).toEqual({ bucket: `${buckets[0]!.name}-id`, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    const lifecycles = ofType(resources, 'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration');
    expect(lifecycles).toHaveLength(1);
    expect(lifecycles[0]?.inputs).toMatchObject({
      bucket: `${buckets[0]!.name}-id`,
      rules: [{ id: 'expire-transfers', status: 'Enabled', filter: { prefix: 'transfers/' }, expiration: { days: 1 }, abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } }],
    });
  });

  test('only storage hops run as the chain role, and it may touch transfers/ of that bucket and nothing else', () => {
    const storageNames = new Set(
      [output.subExperiments[1]!, ...shipped.subExperiments.filter((sub) => sub.deployed.chain?.transfer === 'storage')].flatMap((sub) =>
        sub.endpoints.flatMap((e) => [e.functionName, `${e.functionName}-h1`]),
      ),
    );
    for (const f of functions()) {
      const name = String(f.inputs['name']);
      expect(f.inputs['role']).toBe(storageNames.has(name) ? CHAIN_ROLE : PLAIN_ROLE);
      expect(envOf(name)['FAASBENCH_STORE_BUCKET']).toBe(storageNames.has(name) ? TRANSFER_BUCKET : undefined);
    }
    const roles = ofType(resources, 'aws:iam/role:Role');
    expect(roles.map((r) => r.inputs['namePrefix']).sort()).toEqual(['fb-test-chain-', 'fb-test-lambda-']);
    const policies = ofType(resources, 'aws:iam/rolePolicy:RolePolicy');
    expect(policies).toHaveLength(1);
    expect(policies[0]?.inputs['role']).toBe('fb-test-chain-20261123');
    expect(JSON.parse(String(policies[0]?.inputs['policy']))).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'TransferObjects', Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], Resource: `arn:aws:s3:::${TRANSFER_BUCKET}/transfers/*` },
        { Sid: 'ListTransfers', Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${TRANSFER_BUCKET}`, Condition: { StringLike: { 's3:prefix': ['transfers/*'] } } },
      ],
    });
    // Both roles may write logs; the plain role has no other right.
    const attachments = ofType(resources, 'aws:iam/rolePolicyAttachment:RolePolicyAttachment').map((a) => a.inputs['role']);
    expect(attachments.sort()).toEqual(['fb-test-chain-20261123', 'fb-test-lambda-20261123']);
  });
});
