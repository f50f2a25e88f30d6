import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as pulumi from '@pulumi/pulumi';
import { buildPackage, type BuiltPackage, MIB_BYTES } from '../../../infra/packaging/index.js';
import type { ExperimentOutput } from '../../../infra/outputs.js';
import { installMocks, ofType, promiseOf, type RecordedResource } from '../pulumi-mocks.js';
import { awsExperiment, computedAws, REGION, STACK, temporaryCacheDir, TOKEN } from './fixtures.js';

let resources: RecordedResource[];
let outputs: ExperimentOutput[];
let large: BuiltPackage;
let cache: Awaited<ReturnType<typeof temporaryCacheDir>>;

// Two sub-experiments and two Node runtimes over one 51 MiB package, plus a small Python one.
const big = awsExperiment('experiments/aws/big.json', [
  { runtime: 'nodejs22', parallelism: 3, packageSizeMb: 51 },
  { runtime: 'nodejs24', parallelism: 2, packageSizeMb: 51 },
]);
const small = awsExperiment('experiments/aws/small.json', [{ runtime: 'python3.13', parallelism: 1, packageSizeMb: 0 }]);

beforeAll(async () => {
  cache = await temporaryCacheDir();
  ({ resources } = await installMocks({ computed: computedAws, stack: STACK }));
  const { deployAws, nodeRecipe } = await import('../../../infra/aws/index.js');
  const deployed = deployAws([big, small], { region: REGION, architecture: 'x86_64' }, {
    stackName: STACK,
    token: pulumi.secret(TOKEN),
    packageCacheDir: cache.dir,
  });
  outputs = await Promise.all(deployed.map(promiseOf));
  await pulumi.runtime.disconnect();
  large = await buildPackage({ recipe: nodeRecipe, packageSizeMb: 51, cacheDir: cache.dir });
});

afterAll(async () => cache.remove());

const functions = () => ofType(resources, 'aws:lambda/function:Function');

describe('packages over the direct upload limit', () => {
  test('go to one force-destroyed code bucket, as one object shared by every replica', () => {
    expect(large).toMatchObject({ bytes: 51 * MIB_BYTES, cacheHit: true });
    const buckets = ofType(resources, 'aws:s3/bucket:Bucket');
    expect(buckets).toHaveLength(1);
    expect(buckets[0]?.inputs).toMatchObject({ bucketPrefix: 'fb-test-code-', forceDestroy: true });
    const objects = ofType(resources, 'aws:s3/bucketObjectv2:BucketObjectv2');
    expect(objects).toHaveLength(1);
    const object = objects[0]!;
    expect(object.inputs).toMatchObject({ bucket: 'fb-test-code-20261123', key: `aws-nodejs/${large.sha256}.zip` });
    const source = object.inputs['source'] as pulumi.asset.FileAsset;
    expect(pulumi.asset.Asset.isInstance(source)).toBe(true);
    return expect(source.path).resolves.toBe(large.path);
  });

  test('functions read their code from that object and redeploy only when its hash changes', () => {
    const [object] = ofType(resources, 'aws:s3/bucketObjectv2:BucketObjectv2');
    const viaS3 = functions().filter((f) => f.inputs['runtime'] !== 'python3.13');
    expect(viaS3).toHaveLength(5);
    for (const f of viaS3) {
      expect(f.inputs).toMatchObject({ s3Bucket: object?.inputs['bucket'], s3Key: object?.inputs['key'] });
      expect(f.inputs['sourceCodeHash']).toBe(Buffer.from(large.sha256, 'hex').toString('base64'));
      expect(f.inputs['code']).toBeUndefined();
    }
  });

  test('a small package in the same stack is still uploaded directly', () => {
    const python = functions().filter((f) => f.inputs['runtime'] === 'python3.13');
    expect(python).toHaveLength(1);
    expect(pulumi.asset.Archive.isInstance(python[0]?.inputs['code'])).toBe(true);
    expect(python[0]?.inputs['s3Key']).toBeUndefined();
  });

  test('endpoints report the exact size of the uploaded zip', () => {
    const endpoints = outputs[0]?.subExperiments.flatMap((s) => s.endpoints) ?? [];
    expect(endpoints).toHaveLength(5);
    for (const e of endpoints) expect(e.packageBytes).toBe(51 * MIB_BYTES);
  });
});
