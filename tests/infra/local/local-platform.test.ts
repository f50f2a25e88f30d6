import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { functionUrl, localCapabilities, type LocalPlatform, localNodeRecipe, startLocalPlatform } from '../../../infra/local/index.js';
import { buildPackage } from '../../../infra/packaging/index.js';
import { call, functionEnv, processGone, type Reply, TOKEN, waitUntil } from './helpers.js';

/** Long enough that no instance is evicted during a test, however loaded the machine. */
const KEEP_ALIVE_MS = 60_000;
const SHORT_KEEP_ALIVE_MS = 300;

let root: string;
let packagePath: string;
/** Up to 2 instances per function. */
let pool: LocalPlatform;
/** 1 instance per function, so requests queue. */
let single: LocalPlatform;
/** Evicts idle instances quickly. */
let forgetful: LocalPlatform;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'faasbench-local-'));
  packagePath = (await buildPackage({ recipe: localNodeRecipe, packageSizeMb: 1, cacheDir: path.join(root, 'cache') })).path;
  const workDir = path.join(root, 'work');
  pool = await startLocalPlatform({ keepAliveMs: KEEP_ALIVE_MS, maxInstancesPerFunction: 2, workDir });
  single = await startLocalPlatform({ keepAliveMs: KEEP_ALIVE_MS, maxInstancesPerFunction: 1, workDir });
  forgetful = await startLocalPlatform({ keepAliveMs: SHORT_KEEP_ALIVE_MS, maxInstancesPerFunction: 1, workDir });
});

afterAll(async () => {
  await Promise.all([pool?.stop(), single?.stop(), forgetful?.stop()]);
  await rm(root, { recursive: true, force: true });
});

/** A fresh function on `platform`, so each test starts without instances. */
async function deploy(platform: LocalPlatform, name: string): Promise<string> {
  await platform.deploy([{ name, packagePath, env: functionEnv(), memoryMb: 256 }]);
  return functionUrl(platform.baseUrl, name);
}

/** One request that starts exactly one instance; returns the reply and that instance's pid. */
async function callOnNewInstance(platform: LocalPlatform, url: string): Promise<[Reply, number]> {
  const before = (await platform.stats()).instancePids;
  const reply = await call(url);
  const started = (await platform.stats()).instancePids.filter((pid) => !before.includes(pid));
  expect(reply.body.coldStart).toBe(true);
  expect(started).toHaveLength(1);
  return [reply, started[0]!];
}

describe('local platform', () => {
  test('the first request is a cold start, the next one warm on the same instance', async () => {
    const url = await deploy(pool, 'cold-warm');
    const first = await call(url, { query: { spinIncrements: '1000' } });
    const second = await call(url);
    expect(first).toMatchObject({ status: 200, body: { coldStart: true, invocationCount: 1, vendor: 'local', memoryMb: 256 } });
    expect(second).toMatchObject({ status: 200, body: { coldStart: false, invocationCount: 2, instanceId: first.body.instanceId } });
    expect(first.body.requestId).not.toBe(second.body.requestId);
  });

  test('two concurrent requests get two instances', async () => {
    const url = await deploy(pool, 'concurrent');
    const replies = await Promise.all([call(url, { query: { spinMs: '100' } }), call(url, { query: { spinMs: '100' } })]);
    expect(replies.map((reply) => reply.body.coldStart)).toEqual([true, true]);
    expect(new Set(replies.map((reply) => reply.body.instanceId)).size).toBe(2);
  });

  test('an instance idle for longer than keepAliveMs is evicted; the next request is cold again', async () => {
    const url = await deploy(forgetful, 'eviction');
    const before = await forgetful.stats();
    const [first, pid] = await callOnNewInstance(forgetful, url);
    await waitUntil('the instance is evicted', () => processGone(pid), SHORT_KEEP_ALIVE_MS + 5000);
    expect((await forgetful.stats()).instancesEvicted - before.instancesEvicted).toBe(1);
    const again = await call(url);
    expect(again.body).toMatchObject({ coldStart: true, invocationCount: 1 });
    expect(again.body.instanceId).not.toBe(first.body.instanceId);
  });

  test('at the instance cap requests queue and are served by the existing instance', async () => {
    const url = await deploy(single, 'capped');
    const before = await single.stats();
    const replies = await Promise.all([1, 2, 3].map(() => call(url, { query: { spinMs: '200' } })));
    const after = await single.stats();
    expect(replies.every((reply) => reply.status === 200)).toBe(true);
    expect(new Set(replies.map((reply) => reply.body.instanceId)).size).toBe(1);
    expect(replies.map((reply) => reply.body.invocationCount).sort()).toEqual([1, 2, 3]);
    expect(after.instancesStarted - before.instancesStarted).toBe(1);
    expect(after.requestsQueued - before.requestsQueued).toBe(2);
    expect(after.queueLength).toBe(0);
  });

  test('a queued request whose client went away is dropped, not served', async () => {
    const url = await deploy(single, 'abandoned');
    const busy = call(url, { query: { spinMs: '2000' } });
    await waitUntil('the first request is being served', async () => (await single.stats()).instancesBusy === 1);
    const abandon = new AbortController();
    const dropped = call(url, { signal: abandon.signal });
    await waitUntil('the second request waits', async () => (await single.stats()).queueLength === 1);
    abandon.abort();
    await expect(dropped).rejects.toThrow();
    await waitUntil('the queue is empty', async () => (await single.stats()).queueLength === 0);
    expect((await busy).body.invocationCount).toBe(1);
    expect((await call(url)).body).toMatchObject({ coldStart: false, invocationCount: 2 });
  });

  test('a request without the token is refused with 401 and the instance does no work', async () => {
    const url = await deploy(single, 'no-token');
    const refused = await call(url, { token: null, query: { spinMs: '5000' } });
    const wrong = await call(url, { token: `${TOKEN}x`, query: { spinMs: '5000' } });
    expect(refused).toEqual({ status: 401, body: { error: 'unauthorized', message: expect.any(String) } });
    expect(wrong.status).toBe(401);
    expect((await call(url)).body).toMatchObject({ coldStart: false, refusedBeforeFirst: 2, invocationCount: 1 });
  });

  test("an unauthorised request starts a fresh function's instance and takes its cold start", async () => {
    const url = await deploy(single, 'stranger-first');
    const before = await single.stats();
    expect(await call(url, { token: null })).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    const after = await single.stats();
    // The platform started the instance for the stranger, as a vendor would.
    expect(after.instancesStarted - before.instancesStarted).toBe(1);
    const first = await call(url);
    expect(first).toMatchObject({ status: 200, body: { coldStart: false, refusedBeforeFirst: 1, invocationCount: 1 } });
    expect((await single.stats()).instancesStarted).toBe(after.instancesStarted);
    expect((await call(url)).body).toMatchObject({ coldStart: false, refusedBeforeFirst: 1, invocationCount: 2, instanceId: first.body.instanceId });
  });

  test('an instance that dies mid-request answers 502 and is replaced', async () => {
    const url = await deploy(single, 'dies');
    const [first, pid] = await callOnNewInstance(single, url);
    const spinning = call(url, { query: { spinMs: '5000' } });
    await waitUntil('the instance is serving', async () => (await single.stats()).instancesBusy === 1);
    process.kill(pid, 'SIGKILL');
    expect(await spinning).toMatchObject({ status: 502, body: { error: 'instance-failed' } });
    const next = await call(url);
    expect(next.body).toMatchObject({ coldStart: true, invocationCount: 1 });
    expect(next.body.instanceId).not.toBe(first.body.instanceId);
  });

  test('a request body reaches the function; one over the front end limit is refused there', async () => {
    const url = await deploy(pool, 'payload');
    const headers = { 'x-faasbench-token': TOKEN };
    const small = await fetch(url, { method: 'POST', headers, body: new Uint8Array(1000) });
    expect(await small.json()).toMatchObject({ payloadBytes: 1000, coldStart: true });
    const large = await fetch(url, { method: 'POST', headers, body: new Uint8Array(localCapabilities.maxPayloadBytes + 1) });
    expect(large.status).toBe(413);
    expect(await large.json()).toMatchObject({ error: 'payload-too-large' });
    expect((await call(url)).body).toMatchObject({ invocationCount: 2 });
  });

  test('a function that cannot load answers 502 with the reason', async () => {
    await pool.deploy([{ name: 'no-env', packagePath, env: {}, memoryMb: 128 }]);
    const reply = await call(functionUrl(pool.baseUrl, 'no-env'));
    expect(reply).toMatchObject({ status: 502, body: { error: 'instance-failed', message: expect.stringMatching(/FAASBENCH_\w+ is not set/) } });
  });

  test('unknown functions and other methods are refused by the gateway', async () => {
    const missing = await call(functionUrl(pool.baseUrl, 'nobody'));
    expect(missing).toMatchObject({ status: 404, body: { error: 'not-found' } });
    const put = await fetch(functionUrl(pool.baseUrl, 'cold-warm'), { method: 'PUT' });
    expect(put.status).toBe(405);
    await put.body?.cancel();
  });

  test('stop() leaves no process and removes the platform folder', async () => {
    const workDir = path.join(root, 'stop-work');
    const platform = await startLocalPlatform({ keepAliveMs: 60_000, maxInstancesPerFunction: 2, workDir });
    await platform.deploy([{ name: 'stopper', packagePath, env: functionEnv(), memoryMb: 256 }]);
    const url = functionUrl(platform.baseUrl, 'stopper');
    await Promise.all([call(url, { query: { spinMs: '50' } }), call(url, { query: { spinMs: '50' } })]);
    const { instancePids, instancesRunning } = await platform.stats();
    expect(instancesRunning).toBe(2);
    expect(await readdir(path.join(workDir, 'platforms'))).toHaveLength(1);
    await platform.stop();
    expect(instancePids.every(processGone)).toBe(true);
    expect(await readdir(path.join(workDir, 'platforms'))).toEqual([]);
    await expect(fetch(url)).rejects.toThrow();
  });
});
