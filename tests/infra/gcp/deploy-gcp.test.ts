import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as pulumi from '@pulumi/pulumi';
import { ExperimentOutput } from '../../../infra/outputs.js';
import { buildPackage, MIB_BYTES } from '../../../infra/packaging/index.js';
import { installMocks, ofType, promiseOf, type RecordedResource } from '../pulumi-mocks.js';
import { computedGcp, gcpExperiment, PROJECT, REGION, STACK, temporaryCacheDir, TOKEN, TYPES, unwrapSecret } from './fixtures.js';

let resources: RecordedResource[];
let outputs: ExperimentOutput[];
let secretOutputs: boolean[];
let cache: Awaited<ReturnType<typeof temporaryCacheDir>>;

const mixed = gcpExperiment('experiments/gcp/mixed.json', [
  { runtime: 'nodejs22', memoryMb: 1024, parallelism: 3, packageSizeMb: 0, burstSizes: [1, 250, 2] },
  { runtime: 'python3.12', memoryMb: 256, parallelism: 2, packageSizeMb: 1 },
  { runtime: 'nodejs24', parallelism: 1, packageSizeMb: 0 },
]);
const second = gcpExperiment('experiments/gcp/second.json', [
  { runtime: 'nodejs24', parallelism: 1, packageSizeMb: 1 },
  { runtime: 'python3.13', parallelism: 1, packageSizeMb: 1 },
]);

beforeAll(async () => {
  cache = await temporaryCacheDir();
  ({ resources } = await installMocks({ computed: computedGcp, stack: STACK }));
  // Imported after the mocks are installed, as Pulumi's mocks require.
  const { deployGcp } = await import('../../../infra/gcp/index.js');
  const deployed = deployGcp([mixed, second], { project: PROJECT, region: REGION }, {
    stackName: STACK,
    token: pulumi.secret(TOKEN),
    packageCacheDir: cache.dir,
  });
  outputs = await Promise.all(deployed.map(promiseOf));
  secretOutputs = await Promise.all(deployed.map((o) => pulumi.isSecret(o)));
  // Waits for every registration still in flight (the invokers), so none outlives the test file.
  await pulumi.runtime.disconnect();
});

afterAll(async () => cache.remove());

const functions = () => ofType(resources, TYPES.function);
const byName = (name: string) => functions().find((f) => f.inputs['name'] === name);
const serviceConfigOf = (fn: RecordedResource | undefined) => unwrapSecret(fn?.inputs['serviceConfig']).value as Record<string, unknown>;
const buildConfigOf = (fn: RecordedResource | undefined) => fn?.inputs['buildConfig'] as Record<string, any>;
const endpoints = () => outputs.flatMap((o) => o.subExperiments.flatMap((s) => s.endpoints));

/** The package the program must have built, found again in the cache (a cache hit). */
async function expectedPackage(language: 'nodejs' | 'python', packageSizeMb: number) {
  const { nodeRecipe, pythonRecipe } = await import('../../../infra/gcp/index.js');
  return buildPackage({ recipe: language === 'nodejs' ? nodeRecipe : pythonRecipe, packageSizeMb, cacheDir: cache.dir });
}

describe('deployGcp under mocks', () => {
  test('one output per experiment, valid for the runner, not secret', () => {
    expect(outputs.map((o) => ExperimentOutput.parse(o))).toEqual(outputs);
    expect(outputs.map((o) => [o.file, o.title, o.vendor])).toEqual([
      ['experiments/gcp/mixed.json', 'mixed', 'gcp'],
      ['experiments/gcp/second.json', 'second', 'gcp'],
    ]);
    expect(secretOutputs).toEqual([false, false]);
  });

  test('each sub-experiment deploys its parallelism in its own component, and says what it deployed', () => {
    const subs = outputs.flatMap((o) => o.subExperiments);
    expect(subs.map((s) => [s.index, s.title, s.endpoints.length])).toEqual([[0, 'sub-0', 3], [1, 'sub-1', 2], [2, 'sub-2', 1], [0, 'sub-0', 1], [1, 'sub-1', 1]]);
    expect(subs[1]?.deployed).toEqual({ runtime: 'python3.12', memoryMb: 256, packageSizeMb: 1, parallelism: 2, chain: null });
    expect(subs[0]?.endpoints.map((e) => e.replica)).toEqual([0, 1, 2]);
    expect(functions()).toHaveLength(8);
    expect(ofType(resources, 'faasbench:gcp:MeasurementFunctions').map((c) => c.name)).toEqual([
      'gcp-experiments-gcp-mixed-json-s0',
      'gcp-experiments-gcp-mixed-json-s1',
      'gcp-experiments-gcp-mixed-json-s2',
      'gcp-experiments-gcp-second-json-s0',
      'gcp-experiments-gcp-second-json-s1',
    ]);
    expect(ofType(resources, 'faasbench:gcp:Foundation')).toHaveLength(1);
  });

  test('endpoints carry the URL of their own function and the exact zip size', async () => {
    const [node0, python1, node1] = await Promise.all([expectedPackage('nodejs', 0), expectedPackage('python', 1), expectedPackage('nodejs', 1)]);
    expect([node0.cacheHit, python1.cacheHit, node1.cacheHit]).toEqual([true, true, true]);
    expect(python1.bytes).toBe(MIB_BYTES);
    for (const endpoint of endpoints()) {
      expect(endpoint.url).toBe(`https://${REGION}-${PROJECT}.cloudfunctions.net/${endpoint.functionName}`);
      expect(byName(endpoint.functionName)).toBeDefined();
      expect(endpoint).toMatchObject({ vendor: 'gcp', region: REGION });
      expect(endpoint.functionName.length).toBeLessThanOrEqual(63);
      expect(endpoint.functionName).toMatch(/^[a-z][a-z0-9-]*[a-z0-9]$/);
    }
    const [sub0, sub1, sub2] = outputs[0]?.subExperiments ?? [];
    expect(sub0?.endpoints[0]).toMatchObject({ runtime: 'nodejs22', memoryMb: 1024, packageBytes: node0.bytes });
    expect(sub1?.endpoints[1]).toMatchObject({ runtime: 'python3.12', memoryMb: 256, packageBytes: MIB_BYTES, replica: 1 });
    expect(sub2?.endpoints[0]).toMatchObject({ runtime: 'nodejs24', memoryMb: 512, packageBytes: node0.bytes });
    expect(outputs[1]?.subExperiments[0]?.endpoints[0]).toMatchObject({ runtime: 'nodejs24', packageBytes: node1.bytes });
    expect(outputs[1]?.subExperiments[1]?.endpoints[0]).toMatchObject({ runtime: 'python3.13', packageBytes: MIB_BYTES });
    expect(sub0?.endpoints[2]?.functionName).toMatch(/^fb-test-mixed-[0-9a-f]{4}-s0-r2$/);
  });

  test('runtime, entry point, memory, timeout and scaling are wired per function', () => {
    const wiring = endpoints().map((e) => {
      const fn = byName(e.functionName);
      const service = serviceConfigOf(fn);
      return [e.functionName.replace(/^fb-test-/, ''), buildConfigOf(fn)['runtime'], service['availableMemory'], service['maxInstanceCount']];
    });
    expect(wiring.map((w) => w.join(' ').replace(/-[0-9a-f]{4}-/, '-'))).toEqual([
      'mixed-s0-r0 nodejs22 1024Mi 250',
      'mixed-s0-r1 nodejs22 1024Mi 250',
      'mixed-s0-r2 nodejs22 1024Mi 250',
      'mixed-s1-r0 python312 256Mi 100',
      'mixed-s1-r1 python312 256Mi 100',
      'mixed-s2-r0 nodejs24 512Mi 100',
      'second-s0-r0 nodejs24 512Mi 100',
      'second-s1-r0 python313 512Mi 100',
    ]);
    for (const fn of functions()) {
      expect(fn.inputs).toMatchObject({ location: REGION, deletionPolicy: 'DELETE' });
      expect(buildConfigOf(fn)).toMatchObject({
        entryPoint: 'measure',
        dockerRepository: `projects/${PROJECT}/locations/${REGION}/repositories/fb-test-images`,
      });
      expect(serviceConfigOf(fn)).toMatchObject({
        minInstanceCount: 0,
        maxInstanceRequestConcurrency: 1,
        // The longest spin the function allows (60 s) plus room for the rest of the request.
        timeoutSeconds: 90,
        ingressSettings: 'ALLOW_ALL',
      });
    }
  });

  test('every function is public through roles/run.invoker for allUsers on its own Cloud Run service', () => {
    const invokers = ofType(resources, TYPES.invoker);
    expect(invokers).toHaveLength(functions().length);
    for (const fn of functions()) {
      const name = String(fn.inputs['name']);
      const mine = invokers.filter((i) => i.name === `${name}-invoker`);
      expect(mine).toHaveLength(1);
      expect(mine[0]?.inputs).toEqual({
        name: `projects/${PROJECT}/locations/${REGION}/services/${name}`,
        project: PROJECT,
        location: REGION,
        role: 'roles/run.invoker',
        member: 'allUsers',
      });
    }
  });

  test('one bucket object per distinct package, named by its hash and shared by the functions using it', async () => {
    const objects = ofType(resources, TYPES.object);
    expect(objects.map((o) => o.name).sort()).toEqual(['gcp-nodejs-0mb', 'gcp-nodejs-1mb', 'gcp-python-1mb']);
    const [bucket] = ofType(resources, TYPES.bucket);
    const objectOf = (fn: RecordedResource | undefined) => buildConfigOf(fn)['source']['storageSource'];
    const node0 = await expectedPackage('nodejs', 0);
    const node0Object = objects.find((o) => o.name === 'gcp-nodejs-0mb');
    expect(node0Object?.inputs).toMatchObject({ bucket: bucket?.inputs['name'], name: `packages/gcp-nodejs-${node0.sha256.slice(0, 16)}.zip` });
    await expect((node0Object?.inputs['source'] as pulumi.asset.FileAsset).path).resolves.toBe(node0.path);

    const sources = endpoints().map((e) => objectOf(byName(e.functionName)));
    for (const source of sources) expect(source.bucket).toBe(bucket?.inputs['name']);
    const objectNames = sources.map((s) => s.object as string);
    expect(new Set(objectNames).size).toBe(3);
    // Sub-experiments 0 and 2 of `mixed` are both Node.js at 0 MiB: one upload serves all four functions.
    expect(objectNames.filter((n) => n === node0Object?.inputs['name'])).toHaveLength(4);
    // Python 3.12 in one experiment and 3.13 in the other run the same 1 MiB package: one upload.
    const python1Object = objects.find((o) => o.name === 'gcp-python-1mb');
    expect(objectNames.filter((n) => n === python1Object?.inputs['name'])).toHaveLength(3);
  });

  test('shared resources once, all through one explicit provider for the configured project and region', () => {
    const providers = ofType(resources, TYPES.provider);
    expect(providers).toHaveLength(1);
    expect(providers[0]?.inputs).toMatchObject({ project: PROJECT, region: REGION });
    const buckets = ofType(resources, TYPES.bucket);
    expect(buckets).toHaveLength(1);
    expect(buckets[0]?.inputs).toMatchObject({
      name: expect.stringMatching(/^fb-test-[0-9a-f]{8}-src$/),
      location: 'EUROPE-WEST1',
      forceDestroy: true,
      uniformBucketLevelAccess: true,
      softDeletePolicy: { retentionDurationSeconds: 0 },
    });
    const repositories = ofType(resources, TYPES.repository);
    expect(repositories.map((r) => r.inputs)).toEqual([expect.objectContaining({ repositoryId: 'fb-test-images', location: REGION, format: 'DOCKER' })]);

    const cloudResources = resources.filter((r) => r.type.startsWith('gcp:'));
    // bucket, repository, 3 packages, 8 functions, 8 invokers, the build account and its 3 roles
    expect(cloudResources).toHaveLength(1 + 1 + 3 + 8 + 8 + 1 + 3);
    for (const r of cloudResources) expect(r.provider).toMatch(/::pulumi:providers:gcp::gcp::/);
  });

  test('every function is built as the stack\'s own build service account, which holds the roles a build needs', () => {
    const [account, ...others] = ofType(resources, TYPES.account);
    expect(others).toEqual([]);
    expect(account?.inputs['accountId']).toMatch(/^fb-test-[0-9a-f]{5}-build$/);
    expect(String(account?.inputs['accountId']).length).toBeLessThanOrEqual(30);
    const email = `${String(account?.inputs['accountId'])}@${PROJECT}.iam.gserviceaccount.com`;
    for (const fn of functions()) expect(buildConfigOf(fn)['serviceAccount']).toBe(`projects/${PROJECT}/serviceAccounts/${email}`);
    expect(ofType(resources, TYPES.projectMember).map((m) => [m.inputs['project'], m.inputs['role'], m.inputs['member']]).sort()).toEqual([
      [PROJECT, 'roles/logging.logWriter', `serviceAccount:${email}`],
      [PROJECT, 'roles/storage.objectAdmin', `serviceAccount:${email}`],
    ]);
    expect(ofType(resources, TYPES.repositoryMember).map((m) => m.inputs)).toEqual([
      expect.objectContaining({ project: PROJECT, location: REGION, repository: 'fb-test-images', role: 'roles/artifactregistry.writer', member: `serviceAccount:${email}` }),
    ]);
  });

  test('the token reaches every function as a secret, and nothing else', () => {
    for (const fn of functions()) {
      const config = unwrapSecret(fn.inputs['serviceConfig']);
      expect(config.secret).toBe(true);
      const name = String(fn.inputs['name']);
      const endpoint = endpoints().find((e) => e.functionName === name);
      expect((config.value as { environmentVariables: unknown }).environmentVariables).toEqual({
        FAASBENCH_TOKEN: TOKEN,
        FAASBENCH_VENDOR: 'gcp',
        FAASBENCH_REGION: REGION,
        FAASBENCH_RUNTIME: endpoint?.runtime,
        FAASBENCH_MEMORY_MB: String(endpoint?.memoryMb),
        FAASBENCH_MAX_SPIN_MS: '60000',
        FAASBENCH_MAX_PAYLOAD_BYTES: String(6 * MIB_BYTES),
      });
    }
    const elsewhere = resources.filter((r) => r.type !== TYPES.function);
    expect(JSON.stringify(elsewhere.map((r) => r.inputs))).not.toContain(TOKEN);
    expect(JSON.stringify(outputs)).not.toContain(TOKEN);
  });
});
