import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { functionUrl, type LocalPlatform, localNodeRecipe, startLocalPlatform } from '../../../infra/local/index.js';
import { buildPackage } from '../../../infra/packaging/index.js';
import { CHAIN_ENV, CHAIN_PAYLOAD_PARAM } from '../../../measurement-functions/chain/index.js';
import { TOKEN_HEADER } from '../../../measurement-functions/core/index.js';
import { functionEnv, TOKEN } from './helpers.js';

/**
 * What the platform says as it stops: the object store's counts once no instance runs, and what
 * it removed itself. The leftover is made the way a real one arises: a storage producer whose
 * next hop answers 200 without reading or deleting the object (a plain measurement function).
 */
let root: string;
let platform: LocalPlatform;
let packagePath: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'faasbench-store-end-'));
  packagePath = (await buildPackage({ recipe: localNodeRecipe, packageSizeMb: 0, cacheDir: path.join(root, 'cache') })).path;
  platform = await startLocalPlatform({ keepAliveMs: 20_000, maxInstancesPerFunction: 1, workDir: path.join(root, 'work') });
}, 60_000);
afterAll(async () => {
  await platform?.stop();
  await rm(root, { recursive: true, force: true });
});

const producerEnv = (next: string) => ({
  ...functionEnv(),
  [CHAIN_ENV.position]: '0',
  [CHAIN_ENV.length]: '2',
  [CHAIN_ENV.transfer]: 'storage',
  [CHAIN_ENV.maxPayloadBytes]: String(1024 * 1024),
  [CHAIN_ENV.nextTimeoutMs]: '20000',
  [CHAIN_ENV.nextHopUrl]: next,
});

/** One request on a connection of its own (no pooled keep-alive socket outlives the platform). */
function post(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent: false, headers: { [TOKEN_HEADER]: TOKEN }, timeout: 20_000 }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? 0));
    });
    request.once('timeout', () => request.destroy(new Error('no answer in 20 s')));
    request.once('error', reject);
    request.end();
  });
}

describe('the local object store at the end of a study', () => {
  test('objects nobody deleted are counted and removed by the platform as it stops', async () => {
    const forgetful = functionUrl(platform.baseUrl, 'forgetful');
    await platform.deploy([
      { name: 'forgetful', packagePath, env: functionEnv(), memoryMb: 256 },
      { name: 'producer', packagePath, env: producerEnv(forgetful), memoryMb: 256, objectStore: true },
    ]);
    const producer = functionUrl(platform.baseUrl, 'producer');
    expect(await post(`${producer}?${CHAIN_PAYLOAD_PARAM}=1000`)).toBe(200);
    expect(await post(`${producer}?${CHAIN_PAYLOAD_PARAM}=3000`)).toBe(200);
    expect((await platform.stats()).objectStore).toMatchObject({ puts: 2, deletes: 0, objects: 2, bytesStored: 4000 });

    const end = await platform.stop();
    expect(end.objectStore).toMatchObject({ puts: 2, gets: 0, deletes: 0, objects: 2, bytesStored: 4000, removed: { objects: 2, bytes: 4000 } });
    // Every caller of stop gets the same end.
    expect(await platform.stop()).toBe(end);
  });
});
