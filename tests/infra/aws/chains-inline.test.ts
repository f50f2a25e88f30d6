import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as pulumi from '@pulumi/pulumi';
import { installMocks, ofType, promiseOf, type RecordedResource } from '../pulumi-mocks.js';
import { awsExperiment, computedAws, REGION, STACK, temporaryCacheDir, TOKEN } from './fixtures.js';

/** A stack whose only chains pass payloads inline gets no bucket and no role beyond the log-only one. */

let resources: RecordedResource[];
let cache: Awaited<ReturnType<typeof temporaryCacheDir>>;

beforeAll(async () => {
  cache = await temporaryCacheDir();
  ({ resources } = await installMocks({ computed: computedAws, stack: STACK }));
  const { deployAws } = await import('../../../infra/aws/index.js');
  const experiment = awsExperiment('experiments/aws/inline.json', [{ parallelism: 1, chain: { length: 2, transfer: 'inline', payloadBytes: 10 } }]);
  const [deployed] = deployAws([experiment], { region: REGION, architecture: 'x86_64' }, { stackName: STACK, token: pulumi.secret(TOKEN), packageCacheDir: cache.dir });
  await promiseOf(deployed!);
  await pulumi.runtime.disconnect();
});

afterAll(async () => cache.remove());

describe('inline chains on AWS under mocks', () => {
  test('two functions, no transfer bucket, no S3 rights', () => {
    expect(ofType(resources, 'aws:lambda/function:Function')).toHaveLength(2);
    expect(resources.filter((r) => r.type.startsWith('aws:s3/'))).toEqual([]);
    expect(ofType(resources, 'aws:iam/rolePolicy:RolePolicy')).toEqual([]);
    expect(ofType(resources, 'aws:iam/role:Role').map((r) => r.inputs['namePrefix'])).toEqual(['fb-test-lambda-']);
  });
});

describe('chain function names', () => {
  test('the longest hop suffix comes off the limit, so every hop of the longest chain fits 64 characters', async () => {
    const { replicaName } = await import('../../../infra/naming.js');
    const { LAMBDA_FUNCTION_NAME } = await import('../../../infra/aws/names.js');
    const { replicaNameLimit } = await import('../../../infra/chain-names.js');
    const longest = { chain: { length: 16 } } as unknown as Parameters<typeof replicaNameLimit>[0];
    const { hopSuffix } = await import('../../../infra/chain-hops.js');
    const parts = { stack: 'a-stack-name', experimentTitle: 'a very long experiment title that would fill every name', experimentFile: 'x.json', subIndex: 12, replica: 499 };
    const base = replicaName(parts, replicaNameLimit(longest, LAMBDA_FUNCTION_NAME));
    expect(`${base}${hopSuffix(15)}`.length).toBeLessThanOrEqual(64);
    expect(base.endsWith('-s12-r499')).toBe(true);
    // The title gave way, not the distinguishing parts: without a chain the name is longer.
    expect(replicaName(parts, LAMBDA_FUNCTION_NAME).length).toBeGreaterThan(base.length + 1);
  });
});

describe('a stack name that leaves no room for the hop suffix', () => {
  test('is refused with the limit the chain leaves', async () => {
    const { replicaName } = await import('../../../infra/naming.js');
    const { LAMBDA_FUNCTION_NAME } = await import('../../../infra/aws/names.js');
    const { replicaNameLimit } = await import('../../../infra/chain-names.js');
    const longest = { chain: { length: 16 } } as unknown as Parameters<typeof replicaNameLimit>[0];
    const parts = { stack: 's'.repeat(50), experimentTitle: 'chains', experimentFile: 'x.json', subIndex: 1, replica: 0 };
    expect(() => replicaName(parts, replicaNameLimit(longest, LAMBDA_FUNCTION_NAME))).toThrow(
      /too long for AWS Lambda function names, less 4 for the chain hop suffix -h<hop> \(at most 60 characters\)/,
    );
  });
});
