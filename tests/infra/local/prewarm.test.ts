import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { functionUrl, type LocalPlatform, type LocalPrewarm, localNodeRecipe, startLocalPlatform } from '../../../infra/local/index.js';
import { buildPackage } from '../../../infra/packaging/index.js';
import { call, functionEnv, processGone, sleep, waitUntil } from './helpers.js';

/**
 * Instances started ahead of requests (local.prewarm) on the in-process platform: they start at
 * deploy, wait loaded without a keep-alive limit, and the request that takes one sees an init
 * that ended well before it was sent.
 */

const LONG_KEEP_ALIVE_MS = 60_000;
const SHORT_KEEP_ALIVE_MS = 300;
/** Generous: instances load slowly on two cores shared with other test workers. */
const LOAD_TIMEOUT_MS = 15_000;

let root: string;
let packagePath: string;
/** The platform of the current test: each test has its own, so the platform-wide stats are its function's. */
let platform: LocalPlatform;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'faasbench-prewarm-'));
  packagePath = (await buildPackage({ recipe: localNodeRecipe, packageSizeMb: 0, cacheDir: path.join(root, 'cache') })).path;
});

afterEach(async () => {
  await platform?.stop();
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function start(keepAliveMs = LONG_KEEP_ALIVE_MS): Promise<LocalPlatform> {
  platform = await startLocalPlatform({ keepAliveMs, maxInstancesPerFunction: 3, workDir: path.join(root, 'work') });
  return platform;
}

async function deploy(on: LocalPlatform, name: string, prewarm: LocalPrewarm | null, env = functionEnv()): Promise<string> {
  await on.deploy([{ name, packagePath, env, memoryMb: 256, prewarm }]);
  return functionUrl(on.baseUrl, name);
}

const aheadReady = (on: LocalPlatform, count: number) =>
  waitUntil(`${count} instance(s) loaded ahead`, async () => (await on.stats()).instancesAhead === count, LOAD_TIMEOUT_MS);

describe('local platform pre-warm', () => {
  test('starts the instances at deploy, before any request; the first request meets an init that ended before it was sent', async () => {
    await start();
    const before = await platform.stats();
    const url = await deploy(platform, 'ahead', { instances: 2, replenish: false });
    const deployed = await platform.stats();
    expect(deployed.instancesPrewarmed - before.instancesPrewarmed).toBe(2);
    expect(deployed.instancesRunning - before.instancesRunning).toBe(2);
    await aheadReady(platform, 2);

    await sleep(200);
    const sentAt = Date.now();
    const reply = await call(url);
    expect(reply).toMatchObject({ status: 200, body: { coldStart: true, refusedBeforeFirst: 0, invocationCount: 1 } });
    const { instanceStartedAt, initEndedAt, handlerStartedAt } = reply.body as Record<string, number>;
    expect(initEndedAt).toBeLessThan(sentAt);
    expect(handlerStartedAt! - initEndedAt!).toBeGreaterThanOrEqual(200);
    expect(initEndedAt).toBeGreaterThan(instanceStartedAt!);
    // No instance was started for the request: it took one of the two.
    const after = await platform.stats();
    expect(after.instancesStarted).toBe(deployed.instancesStarted);
    expect(after.instancesAhead).toBe(1);
  });

  test('with replenish, the instance a request takes is replaced at once, and the next new instance is ready ahead too', async () => {
    const url = await deploy(await start(), 'replenish', { instances: 1, replenish: true });
    await aheadReady(platform, 1);
    const before = await platform.stats();
    // The first instance is kept busy, so the second request needs a new one: the replacement.
    const busy = call(url, { query: { spinMs: '6000' } });
    await waitUntil('the replacement is loaded', async () => {
      const stats = await platform.stats();
      return stats.instancesPrewarmed - before.instancesPrewarmed === 1 && stats.instancesAhead === 1;
    }, LOAD_TIMEOUT_MS);
    expect((await platform.stats()).instancesBusy).toBe(1);
    const sentAt = Date.now();
    const second = await call(url);
    const first = await busy;
    expect(first.body).toMatchObject({ coldStart: true, invocationCount: 1 });
    expect(second.body).toMatchObject({ coldStart: true, invocationCount: 1 });
    expect(second.body.instanceId).not.toBe(first.body.instanceId);
    expect(second.body.initEndedAt as number).toBeLessThan(sentAt);
    const after = await platform.stats();
    expect(after.instancesStarted - before.instancesStarted).toBe(2);
    expect(after.instancesPrewarmed - before.instancesPrewarmed).toBe(2);
  });

  test('a warm idle instance is preferred to one waiting ahead', async () => {
    const url = await deploy(await start(), 'warm-first', { instances: 1, replenish: true });
    const first = await call(url);
    await aheadReady(platform, 1);
    const second = await call(url);
    expect(second.body).toMatchObject({ coldStart: false, invocationCount: 2, instanceId: first.body.instanceId });
    expect((await platform.stats()).instancesAhead).toBe(1);
  });

  test('without replenish only the deploy-time instances start ahead; later ones start on demand', async () => {
    const url = await deploy(await start(), 'once', { instances: 1, replenish: false });
    await aheadReady(platform, 1);
    const before = await platform.stats();
    // Busy long enough that the next request cannot have it, however slow the machine.
    const busy = call(url, { query: { spinMs: '3000' } });
    await waitUntil('the first instance is busy', async () => (await platform.stats()).instancesBusy === 1, LOAD_TIMEOUT_MS);
    const second = await call(url);
    await busy;
    const after = await platform.stats();
    expect(after.instancesPrewarmed).toBe(before.instancesPrewarmed);
    expect(after.instancesStarted - before.instancesStarted).toBe(1);
    // Started for the request: its init ended only just before the handler ran.
    expect(second.body).toMatchObject({ coldStart: true, invocationCount: 1 });
  });

  test('an instance waiting ahead is not evicted by the keep-alive; once it has served, it is', async () => {
    const forgetful = await start(SHORT_KEEP_ALIVE_MS);
    const url = await deploy(forgetful, 'patient', { instances: 1, replenish: false });
    await aheadReady(forgetful, 1);
    const [pid] = (await forgetful.stats()).instancePids.filter((p) => !processGone(p));
    await sleep(SHORT_KEEP_ALIVE_MS * 4);
    expect((await forgetful.stats()).instancesAhead).toBe(1);
    const before = await forgetful.stats();
    const reply = await call(url);
    expect(reply.body).toMatchObject({ coldStart: true, invocationCount: 1 });
    expect((reply.body.handlerStartedAt as number) - (reply.body.initEndedAt as number)).toBeGreaterThanOrEqual(SHORT_KEEP_ALIVE_MS * 4);
    await waitUntil('the served instance is evicted', () => processGone(pid!), SHORT_KEEP_ALIVE_MS + 10_000);
    expect((await forgetful.stats()).instancesEvicted - before.instancesEvicted).toBe(1);
  });

  test('an instance that cannot load is not restarted ahead again and again', async () => {
    const before = await (await start()).stats();
    await deploy(platform, 'broken', { instances: 1, replenish: true }, {});
    await waitUntil('the broken instance is gone', async () => (await platform.stats()).instancesRunning === before.instancesRunning, LOAD_TIMEOUT_MS);
    await sleep(500);
    const after = await platform.stats();
    expect(after.instancesPrewarmed - before.instancesPrewarmed).toBe(1);
    expect(after.instancesRunning).toBe(before.instancesRunning);
  });

  test('an unauthorised request that takes an instance ahead takes its cold start too', async () => {
    const url = await deploy(await start(), 'stranger', { instances: 1, replenish: false });
    await aheadReady(platform, 1);
    expect((await call(url, { token: 'wrong' })).status).toBe(401);
    expect((await call(url)).body).toMatchObject({ coldStart: false, refusedBeforeFirst: 1, invocationCount: 1 });
  });
});
