import { afterEach, describe, expect, test } from '@jest/globals';
import { request } from 'node:http';
import { TOKEN_HEADER } from '../../../measurement-functions/core/index.js';
import { type LocalObjectStore, startLocalObjectStore } from '../../../infra/local/object-store.js';
import { BoundedObjects } from '../../../infra/local/object-store-memory.js';

/** The local object store on its own, started and stopped as the platform will (port 0, 127.0.0.1). */

const TOKEN = 'object-store-test-token-0123456789';
let store: LocalObjectStore | undefined;

afterEach(async () => {
  await store?.stop();
  store = undefined;
});

async function send(path: string, init: { method?: string; token?: string | null; body?: Uint8Array } = {}): Promise<{ status: number; body: Uint8Array }> {
  const token = init.token === undefined ? TOKEN : init.token;
  const response = await fetch(`${store!.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: token === null ? {} : { [TOKEN_HEADER]: token },
    body: init.body,
    signal: AbortSignal.timeout(5_000),
  });
  return { status: response.status, body: new Uint8Array(await response.arrayBuffer()) };
}

async function rawStatus(path: string, method: string, body: Uint8Array): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const { hostname, port } = new URL(store!.baseUrl);
    const req = request({ hostname, port, path, method, headers: { [TOKEN_HEADER]: TOKEN }, timeout: 5_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const json = (bytes: Uint8Array): unknown => JSON.parse(Buffer.from(bytes).toString('utf8'));

describe('the local object store', () => {
  test('listens on 127.0.0.1 only and stores, serves and deletes an object byte for byte', async () => {
    store = await startLocalObjectStore({ token: TOKEN });
    expect(store.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const payload = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);

    expect((await send('/o/transfers/r1/hop-0-a', { method: 'PUT', body: payload })).status).toBe(201);
    expect(store.counts()).toMatchObject({ objects: 1, bytesStored: 70_000, puts: 1 });
    const read = await send('/o/transfers/r1/hop-0-a');
    expect(read.status).toBe(200);
    expect(Buffer.compare(read.body, payload)).toBe(0);

    expect((await send('/o/transfers/r1/hop-0-a', { method: 'DELETE' })).status).toBe(204);
    expect(store.counts()).toMatchObject({ objects: 0, bytesStored: 0, deletes: 1 });
    expect(json((await send('/o/transfers/r1/hop-0-a')).body)).toEqual({ error: 'no-such-object', message: 'no object transfers/r1/hop-0-a' });
    // Deleting what is not there succeeds, as on S3.
    expect((await send('/o/transfers/r1/hop-0-a', { method: 'DELETE' })).status).toBe(204);
  });

  test('refuses every request without the token, before reading or storing anything', async () => {
    store = await startLocalObjectStore({ token: TOKEN });
    await send('/o/k', { method: 'PUT', body: new Uint8Array([1]) });
    expect((await send('/o/k', { token: null })).status).toBe(401);
    expect((await send('/o/k', { token: `${TOKEN}x` })).status).toBe(401);
    expect((await send('/o/other', { method: 'PUT', token: 'wrong', body: new Uint8Array(10) })).status).toBe(401);
    expect((await send('/o/k', { method: 'DELETE', token: null })).status).toBe(401);
    expect(store.counts()).toMatchObject({ objects: 1, puts: 1, deletes: 0 });
  });

  test('refuses keys that could escape their path, and methods other than PUT, GET, DELETE', async () => {
    store = await startLocalObjectStore({ token: TOKEN });
    // Sent raw: fetch would resolve the dot segments before sending.
    for (const path of ['/o/..%2Fsecret', '/o/a/../b', '/o/a/./b', '/o/.hidden', '/o/a%2F%2Fb', '/o/%E0%A4%A', '/o/']) {
      expect([path, await rawStatus(path, 'PUT', new Uint8Array(1))]).toEqual([path, 400]);
    }
    expect((await send('/elsewhere')).status).toBe(404);
    expect((await send('/o/k', { method: 'POST', body: new Uint8Array(1) })).status).toBe(405);
    expect(store.counts().objects).toBe(0);
  });

  test('bounds object size, total bytes and object count, and counts what it refused', async () => {
    store = await startLocalObjectStore({ token: TOKEN, limits: { maxObjectBytes: 1000, maxTotalBytes: 1500, maxObjects: 3 } });
    const tooLarge = await send('/o/big', { method: 'PUT', body: new Uint8Array(1001) });
    expect(tooLarge.status).toBe(413);
    expect(json(tooLarge.body)).toMatchObject({ error: 'too-large' });
    expect((await send('/o/a', { method: 'PUT', body: new Uint8Array(1000) })).status).toBe(201);
    const full = await send('/o/b', { method: 'PUT', body: new Uint8Array(501) });
    expect(full.status).toBe(507);
    expect(json(full.body)).toMatchObject({ error: 'store-full' });
    // Replacing an object counts only the difference.
    expect((await send('/o/a', { method: 'PUT', body: new Uint8Array(1000) })).status).toBe(201);
    expect((await send('/o/b', { method: 'PUT', body: new Uint8Array(10) })).status).toBe(201);
    expect((await send('/o/c', { method: 'PUT', body: new Uint8Array(10) })).status).toBe(201);
    expect((await send('/o/d', { method: 'PUT', body: new Uint8Array(1) })).status).toBe(507);
    expect(store.counts()).toEqual({ objects: 3, bytesStored: 1020, puts: 4, gets: 0, deletes: 0, refused: 3 });
  });

  test('a body over the limit sent without Content-Length is refused after it is drained, and the connection still answers', async () => {
    store = await startLocalObjectStore({ token: TOKEN, limits: { maxObjectBytes: 100 } });
    const url = new URL(`${store.baseUrl}/o/chunked`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(url, { method: 'PUT', headers: { [TOKEN_HEADER]: TOKEN, 'transfer-encoding': 'chunked' }, timeout: 5_000 }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(new Uint8Array(80));
      req.end(new Uint8Array(80));
    });
    expect(status).toBe(413);
    expect(store.counts()).toMatchObject({ objects: 0, refused: 1 });
  });

  test('stop closes the port, drops every object, and can be called twice', async () => {
    store = await startLocalObjectStore({ token: TOKEN });
    await send('/o/k', { method: 'PUT', body: new Uint8Array(5) });
    const { baseUrl } = store;
    await store.stop();
    await store.stop();
    expect(store.counts()).toMatchObject({ objects: 0, bytesStored: 0 });
    await expect(fetch(`${baseUrl}/o/k`, { headers: { [TOKEN_HEADER]: TOKEN }, signal: AbortSignal.timeout(5_000) })).rejects.toThrow();
  });

  test('refuses an empty token and non-positive limits', async () => {
    await expect(startLocalObjectStore({ token: '' })).rejects.toThrow('non-empty token');
    expect(() => new BoundedObjects({ maxObjectBytes: 0, maxTotalBytes: 1, maxObjects: 1 })).toThrow('maxObjectBytes must be a positive integer');
  });
});
