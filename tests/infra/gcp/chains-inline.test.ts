import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as pulumi from '@pulumi/pulumi';
import { installMocks, ofType, promiseOf, type RecordedResource } from '../pulumi-mocks.js';
import { computedGcp, gcpExperiment, PROJECT, REGION, STACK, temporaryCacheDir, TOKEN, TYPES, unwrapSecret } from './fixtures.js';

/** A stack whose only chains pass payloads inline gets no transfer bucket and no chain account. */

let resources: RecordedResource[];
let cache: Awaited<ReturnType<typeof temporaryCacheDir>>;

beforeAll(async () => {
  cache = await temporaryCacheDir();
  ({ resources } = await installMocks({ computed: computedGcp, stack: STACK }));
  const { deployGcp } = await import('../../../infra/gcp/index.js');
  const experiment = gcpExperiment('experiments/gcp/inline.json', [{ parallelism: 1, chain: { length: 2, transfer: 'inline', payloadBytes: 10 } }]);
  const [deployed] = deployGcp([experiment], { project: PROJECT, region: REGION }, { stackName: STACK, token: pulumi.secret(TOKEN), packageCacheDir: cache.dir });
  await promiseOf(deployed!);
  await pulumi.runtime.disconnect();
});

afterAll(async () => cache.remove());

describe('inline chains on Google under mocks', () => {
  test('two functions, only the source bucket, no chain account, no bucket grant', () => {
    const functions = ofType(resources, TYPES.function);
    expect(functions).toHaveLength(2);
    expect(ofType(resources, TYPES.bucket).map((b) => String(b.inputs['name']))).toEqual([expect.stringMatching(/-src$/)]);
    expect(ofType(resources, TYPES.account).map((a) => String(a.inputs['accountId']))).toEqual([expect.stringMatching(/-build$/)]);
    expect(ofType(resources, TYPES.bucketMember)).toEqual([]);
    for (const f of functions) {
      const service = unwrapSecret(f.inputs['serviceConfig']).value as Record<string, any>;
      expect(service['serviceAccountEmail']).toBeUndefined();
      expect(service['environmentVariables']['FAASBENCH_STORE_BUCKET']).toBeUndefined();
    }
  });
});
