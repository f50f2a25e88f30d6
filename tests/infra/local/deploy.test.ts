import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseExperimentText, type ResolvedExperiment, UserError } from '../../../experiments/schema/index.js';
import { deployExperimentLocally, type LocalFunctionSpec, type LocalPlatform, slugify, startLocalPlatform } from '../../../infra/local/index.js';
import { ExperimentOutput } from '../../../infra/outputs.js';
import { MIB_BYTES } from '../../../infra/packaging/index.js';
import { call, TOKEN } from './helpers.js';

function experiment(overrides: Record<string, unknown> = {}): ResolvedExperiment {
  const sub = { bursts: 1, burstSizes: [1], iat: { distribution: 'fixed', ms: 10 } };
  return parseExperimentText(
    JSON.stringify({
      title: 'Local Deploy (test)',
      vendor: 'local',
      seed: 1,
      local: { keepAliveMs: 5000, maxInstancesPerFunction: 2 },
      subExperiments: [
        { ...sub, title: 'small', parallelism: 2, packageSizeMb: 0, memoryMb: 128 },
        { ...sub, title: 'large', parallelism: 1, packageSizeMb: 1 },
        { ...sub, title: 'large again', parallelism: 1, packageSizeMb: 1, memoryMb: 256 },
      ],
      ...overrides,
    }),
    'experiments/local-deploy.json',
    { drawSeed: () => 1 },
  );
}

let root: string;
let platform: LocalPlatform;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'faasbench-deploy-'));
  platform = await startLocalPlatform({ keepAliveMs: 5000, maxInstancesPerFunction: 2, workDir: path.join(root, 'work') });
});
afterAll(async () => {
  await platform?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('deployExperimentLocally', () => {
  test('deploys one function per endpoint and returns the stack-output shape', async () => {
    const cacheDir = path.join(root, 'cache');
    const output = await deployExperimentLocally(experiment(), platform, { token: TOKEN, cacheDir });
    expect(ExperimentOutput.parse(output)).toEqual(output);
    expect(output).toMatchObject({ file: 'experiments/local-deploy.json', title: 'Local Deploy (test)', vendor: 'local' });
    const [small, large, again] = output.subExperiments;
    expect(small?.deployed).toEqual({ runtime: 'nodejs', memoryMb: 128, packageSizeMb: 0, parallelism: 2, chain: null });
    expect(small?.endpoints.map((endpoint) => endpoint.functionName)).toEqual(['local-deploy-test-s0-r0', 'local-deploy-test-s0-r1']);
    expect(small?.endpoints[1]).toEqual({
      url: `${platform.baseUrl}/fn/local-deploy-test-s0-r1`,
      vendor: 'local',
      region: 'local',
      runtime: 'nodejs',
      memoryMb: 128,
      packageBytes: expect.any(Number),
      replica: 1,
      functionName: 'local-deploy-test-s0-r1',
    });
    expect(large?.endpoints[0]?.packageBytes).toBe(MIB_BYTES);
    expect(again?.endpoints[0]?.packageBytes).toBe(MIB_BYTES);
    // One package per distinct (runtime, size): two sizes, two zips.
    expect((await readdir(cacheDir)).filter((name) => name.endsWith('.zip'))).toHaveLength(2);

    for (const sub of output.subExperiments) {
      for (const endpoint of sub.endpoints) {
        const reply = await call(endpoint.url);
        expect(reply).toMatchObject({
          status: 200,
          body: { coldStart: true, vendor: 'local', region: 'local', memoryMb: endpoint.memoryMb, runtime: `nodejs ${process.version}` },
        });
      }
    }
  });

  test('deploying again reuses the packages and keeps warm instances', async () => {
    const cacheDir = path.join(root, 'cache');
    const output = await deployExperimentLocally(experiment(), platform, { token: TOKEN, cacheDir });
    const reply = await call(output.subExperiments[0]!.endpoints[0]!.url);
    expect(reply.body).toMatchObject({ coldStart: false });
  });

  test('gives every function the experiment\'s pre-warm settings, or none', async () => {
    const deployed: LocalFunctionSpec[][] = [];
    const recorder = { baseUrl: 'http://127.0.0.1:9', deploy: async (specs: readonly LocalFunctionSpec[]) => void deployed.push([...specs]) };
    const cacheDir = path.join(root, 'cache');
    await deployExperimentLocally(experiment({ local: { prewarm: { instances: 2 } } }), recorder, { token: TOKEN, cacheDir });
    await deployExperimentLocally(experiment(), recorder, { token: TOKEN, cacheDir });
    expect(deployed.map((specs) => specs.map((spec) => spec.prewarm))).toEqual([
      [{ instances: 2, replenish: true }, { instances: 2, replenish: true }, { instances: 2, replenish: true }, { instances: 2, replenish: true }],
      [null, null, null, null],
    ]);
  });

  test('refuses an experiment for another vendor', async () => {
    const aws = experiment({ vendor: 'aws', local: undefined });
    await expect(deployExperimentLocally(aws, platform, { token: TOKEN, cacheDir: path.join(root, 'cache') })).rejects.toThrow(UserError);
  });
});

describe('slugify', () => {
  test.each([
    ['Local Deploy (test)', 'local-deploy-test'],
    ['  Ünïcödé  Title ', 'unicode-title'],
    ['!!!', 'experiment'],
    ['x'.repeat(60), 'x'.repeat(40)],
  ])('%j → %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });
});
