import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as pulumi from '@pulumi/pulumi';
import { readdir } from 'node:fs/promises';
import { buildPackage, MIB_BYTES } from '../../../infra/packaging/index.js';
import { ExperimentOutput } from '../../../infra/outputs.js';
import { installMocks, ofType, promiseOf, type RecordedResource } from '../pulumi-mocks.js';
import { awsExperiment, computedAws, REGION, STACK, temporaryCacheDir, TOKEN } from './fixtures.js';

let resources: RecordedResource[];
let outputs: ExperimentOutput[];
let secretOutputs: boolean[];
let cache: Awaited<ReturnType<typeof temporaryCacheDir>>;

const mixed = awsExperiment('experiments/aws/mixed.json', [
  { runtime: 'nodejs22', memoryMb: 1024, parallelism: 3, packageSizeMb: 0 },
  { runtime: 'python3.12', memoryMb: 256, parallelism: 2, packageSizeMb: 1 },
  { runtime: 'nodejs24', parallelism: 1, packageSizeMb: 0 },
]);
const second = awsExperiment('experiments/aws/second.json', [{ runtime: 'nodejs22', parallelism: 1, packageSizeMb: 1 }]);

beforeAll(async () => {
  cache = await temporaryCacheDir();
  ({ resources } = await installMocks({ computed: computedAws, stack: STACK }));
  // Imported after the mocks are installed, as Pulumi's mocks require.
  const { deployAws } = await import('../../../infra/aws/index.js');
  const deployed = deployAws([mixed, second], { region: REGION, architecture: 'arm64' }, {
    stackName: STACK,
    token: pulumi.secret(TOKEN),
    packageCacheDir: cache.dir,
  });
  outputs = await Promise.all(deployed.map(promiseOf));
  secretOutputs = await Promise.all(deployed.map((o) => pulumi.isSecret(o)));
  await pulumi.runtime.disconnect();
});

afterAll(async () => cache.remove());

const functions = () => ofType(resources, 'aws:lambda/function:Function');
const byName = (name: string) => functions().find((f) => f.inputs['name'] === name);

/** The package the program must have built, found again in the cache (a cache hit). */
async function expectedPackage(adapter: 'nodejs' | 'python', packageSizeMb: number) {
  const { nodeRecipe, pythonRecipe } = await import('../../../infra/aws/index.js');
  return buildPackage({ recipe: adapter === 'nodejs' ? nodeRecipe : pythonRecipe, packageSizeMb, cacheDir: cache.dir });
}

describe('deployAws under mocks', () => {
  test('one output per experiment, valid for the runner, not secret', () => {
    expect(outputs.map((o) => ExperimentOutput.parse(o))).toEqual(outputs);
    expect(outputs.map((o) => [o.file, o.title, o.vendor])).toEqual([
      ['experiments/aws/mixed.json', 'mixed', 'aws'],
      ['experiments/aws/second.json', 'second', 'aws'],
    ]);
    expect(secretOutputs).toEqual([false, false]);
  });

  test('each sub-experiment deploys its parallelism, and says what it deployed', () => {
    const subs = outputs.flatMap((o) => o.subExperiments);
    expect(subs.map((s) => [s.index, s.title, s.endpoints.length])).toEqual([[0, 'sub-0', 3], [1, 'sub-1', 2], [2, 'sub-2', 1], [0, 'sub-0', 1]]);
    expect(subs[1]?.deployed).toEqual({ runtime: 'python3.12', memoryMb: 256, packageSizeMb: 1, parallelism: 2, chain: null });
    expect(subs[0]?.endpoints.map((e) => e.replica)).toEqual([0, 1, 2]);
    expect(functions()).toHaveLength(7);
  });

  test('endpoints carry the Function URL of their own function and the exact zip size', async () => {
    const [node0, python1] = await Promise.all([expectedPackage('nodejs', 0), expectedPackage('python', 1)]);
    expect(python1.bytes).toBe(MIB_BYTES);
    for (const endpoint of outputs.flatMap((o) => o.subExperiments.flatMap((s) => s.endpoints))) {
      expect(endpoint.url).toBe(`https://${endpoint.functionName}.lambda-url.${REGION}.on.aws/`);
      expect(byName(endpoint.functionName)).toBeDefined();
      expect(endpoint).toMatchObject({ vendor: 'aws', region: REGION });
    }
    const [sub0, sub1, sub2] = outputs[0]?.subExperiments ?? [];
    expect(sub0?.endpoints[0]).toMatchObject({ runtime: 'nodejs22', memoryMb: 1024, packageBytes: node0.bytes });
    expect(sub1?.endpoints[1]).toMatchObject({ runtime: 'python3.12', memoryMb: 256, packageBytes: MIB_BYTES, replica: 1 });
    expect(sub2?.endpoints[0]).toMatchObject({ runtime: 'nodejs24', memoryMb: 512 });
    expect(sub0?.endpoints[2]?.functionName).toMatch(/^fb-test-mixed-[0-9a-f]{4}-s0-r2$/);
  });

  test('memory, runtime, handler, timeout, architecture and role are wired per function', () => {
    const role = ofType(resources, 'aws:iam/role:Role');
    expect(role).toHaveLength(1);
    const roleArn = 'arn:aws:iam::123456789012:role/fb-test-lambda-20261123';
    // Registration order follows input resolution, so functions are looked up by name.
    const wiring = (file: string, sub: number, replica: number) => {
      const f = functions().find((r) => new RegExp(`^fb-test-${file}-[0-9a-f]{4}-s${sub}-r${replica}$`).test(String(r.inputs['name'])));
      return [f?.inputs['runtime'], f?.inputs['handler'], f?.inputs['memorySize']];
    };
    expect([wiring('mixed', 0, 0), wiring('mixed', 0, 2), wiring('mixed', 1, 1), wiring('mixed', 2, 0), wiring('second', 0, 0)]).toEqual([
      ['nodejs22.x', 'index.handler', 1024],
      ['nodejs22.x', 'index.handler', 1024],
      ['python3.12', 'lambda_function.handler', 256],
      ['nodejs24.x', 'index.handler', 512],
      ['nodejs22.x', 'index.handler', 512],
    ]);
    for (const f of functions()) {
      expect(f.inputs).toMatchObject({ timeout: 90, architectures: ['arm64'], role: roleArn });
      expect(String(f.inputs['name']).length).toBeLessThanOrEqual(64);
    }
  });

  test('every AWS resource goes through the one explicit provider for the region', () => {
    const providers = ofType(resources, 'pulumi:providers:aws');
    expect(providers).toHaveLength(1);
    expect(providers[0]?.inputs['region']).toBe(REGION);
    const aws = resources.filter((r) => r.type.startsWith('aws:'));
    expect(aws.length).toBeGreaterThan(0);
    for (const r of aws) expect(r.provider).toMatch(new RegExp(`::${providers[0]!.name}::`));
  });

  test('one public Function URL per function, bound to it', () => {
    const urls = ofType(resources, 'aws:lambda/functionUrl:FunctionUrl');
    expect(urls).toHaveLength(7);
    for (const url of urls) expect(url.inputs['authorizationType']).toBe('NONE');
    expect(urls.map((u) => u.inputs['functionName']).sort()).toEqual(functions().map((f) => f.inputs['name']).sort());
  });

  test('each function has its own short-lived log group under the name Lambda would use', () => {
    const groups = ofType(resources, 'aws:cloudwatch/logGroup:LogGroup');
    expect(groups).toHaveLength(7);
    for (const f of functions()) {
      const name = `/aws/lambda/${String(f.inputs['name'])}`;
      expect(groups.filter((g) => g.inputs['name'] === name)).toHaveLength(1);
      expect(f.inputs['loggingConfig']).toMatchObject({ logGroup: name });
    }
    for (const g of groups) expect(g.inputs['retentionInDays']).toBe(3);
  });

  test('the role may run Lambda and write logs, nothing more', () => {
    const [role] = ofType(resources, 'aws:iam/role:Role');
    const policy = JSON.stringify(role?.inputs['assumeRolePolicy']);
    expect(policy).toContain('lambda.amazonaws.com');
    expect(role?.inputs['namePrefix']).toBe('fb-test-lambda-');
    const attachments = ofType(resources, 'aws:iam/rolePolicyAttachment:RolePolicyAttachment');
    expect(attachments.map((a) => a.inputs)).toEqual([
      { role: 'fb-test-lambda-20261123', policyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' },
    ]);
  });

  test('small packages are uploaded directly and hashed; runtimes of one language share a package', async () => {
    expect(ofType(resources, 'aws:s3/bucket:Bucket')).toHaveLength(0);
    expect(ofType(resources, 'aws:s3/bucketObjectv2:BucketObjectv2')).toHaveLength(0);
    const packages = {
      'nodejs-0': await expectedPackage('nodejs', 0),
      'python-1': await expectedPackage('python', 1),
      'nodejs-1': await expectedPackage('nodejs', 1),
    };
    for (const sub of outputs.flatMap((o) => o.subExperiments)) {
      const adapter = sub.deployed.runtime.startsWith('python') ? 'python' : 'nodejs';
      const built = packages[`${adapter}-${sub.deployed.packageSizeMb}` as keyof typeof packages];
      for (const endpoint of sub.endpoints) {
        const f = byName(endpoint.functionName);
        expect(f?.inputs['sourceCodeHash']).toBe(Buffer.from(built.sha256, 'hex').toString('base64'));
        expect(pulumi.asset.Archive.isInstance(f?.inputs['code'])).toBe(true);
        expect(f?.inputs['s3Key']).toBeUndefined();
      }
    }
    // nodejs22 and nodejs24 run the same bundle: three distinct packages, three zips.
    const zips = (await readdir(cache.dir)).filter((name) => name.endsWith('.zip'));
    expect(zips.sort()).toEqual(Object.values(packages).map((p) => `${p.key}.zip`).sort());
  });

  test('the token reaches every function only as a secret', () => {
    for (const f of functions()) {
      const environment = f.inputs['environment'] as Record<string, unknown>;
      // A secret input reaches the mock monitor wrapped in Pulumi's secret signature.
      expect(environment[pulumi.runtime.specialSigKey]).toBe(pulumi.runtime.specialSecretSig);
      expect(environment['value']).toMatchObject({ variables: { FAASBENCH_TOKEN: TOKEN, FAASBENCH_VENDOR: 'aws', FAASBENCH_REGION: REGION } });
    }
  });
});
