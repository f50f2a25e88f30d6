import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as pulumi from '@pulumi/pulumi';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { type SyncTriggersOptions, syncFunctionTriggers } from '../../../infra/azure/arm-sync.js';
import { installMocks, ofType, promiseOf, type RecordedResource } from '../pulumi-mocks.js';

/**
 * The ARM trigger sync against a local HTTP server standing in for management.azure.com: the
 * request it sends, what it retries, what it gives up on; then the same through the dynamic
 * provider exactly as Pulumi serializes it, loaded the way Pulumi's provider host loads it.
 */

const APP_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/fb-test1a2b3c4d/providers/Microsoft.Web/sites/fb-test-x-1234-s0-r0-k3x9q2ab';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

let server: Server;
let endpoint: string;
const seen: Seen[] = [];
/** Status codes the server answers with, in turn; 200 once they run out. */
let script: number[] = [];

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, body });
      const status = script.shift() ?? 200;
      // No keep-alive: a pooled connection the server drops while idle would make a try fail
      // for a reason of this test's making, and the count of tries is what is checked.
      response.writeHead(status, { 'content-type': 'application/json', connection: 'close' }).end(status === 200 ? '' : JSON.stringify({ error: { code: `E${status}`, message: 'scripted' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function fastOptions(delays: number[]): SyncTriggersOptions {
  return { attempts: 4, delayMs: (attempt) => attempt * 10, sleep: async (ms) => void delays.push(ms), timeoutMs: 5_000 };
}

const request = () => ({ armEndpoint: endpoint, appId: APP_ID, token: 'secret-token', apiVersion: '2024-11-01' });

describe('syncFunctionTriggers', () => {
  test('POSTs to the app\'s syncfunctiontriggers action with the bearer token and the API version', async () => {
    seen.length = 0;
    script = [204];
    const delays: number[] = [];
    await expect(syncFunctionTriggers(request(), fastOptions(delays))).resolves.toEqual({ attempts: 1, status: 204 });
    expect(seen).toEqual([{ method: 'POST', url: `${APP_ID}/syncfunctiontriggers?api-version=2024-11-01`, authorization: 'Bearer secret-token', body: '{}' }]);
    expect(delays).toEqual([]);
  });

  test('tries again on 429 and 5xx, waiting as told, and reports how many tries it took', async () => {
    seen.length = 0;
    script = [503, 429, 200];
    const delays: number[] = [];
    await expect(syncFunctionTriggers(request(), fastOptions(delays))).resolves.toEqual({ attempts: 3, status: 200 });
    expect(seen).toHaveLength(3);
    expect(delays).toEqual([20, 30]);
  });

  test('gives up at once on another 4xx, naming the app, the answer and how to retry', async () => {
    seen.length = 0;
    script = [403];
    const run = syncFunctionTriggers(request(), fastOptions([]));
    await expect(run).rejects.toThrow(`Syncing the triggers of Function App ${APP_ID} failed (try 1: HTTP 403 {"error":{"code":"E403","message":"scripted"}}). Run \`pulumi up\` again to retry`);
    expect(seen).toHaveLength(1);
  });

  test('gives up after the last try when the answers stay transient', async () => {
    seen.length = 0;
    script = [500, 502, 503, 504];
    await expect(syncFunctionTriggers(request(), fastOptions([]))).rejects.toThrow('try 4: HTTP 504');
    expect(seen).toHaveLength(4);
  });

  test('a refused connection is tried again too', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const delays: number[] = [];
    await expect(syncFunctionTriggers({ ...request(), armEndpoint: `http://127.0.0.1:${port}` }, fastOptions(delays))).rejects.toThrow(/try 4: fetch failed/);
    expect(delays).toHaveLength(3);
  });
});

describe('the SyncTriggers dynamic resource', () => {
  let resources: RecordedResource[];

  beforeAll(async () => {
    ({ resources } = await installMocks({ stack: 'test' }));
  });

  test('serializes a provider that, loaded as Pulumi\'s provider host loads it, syncs through ARM', async () => {
    const { SyncTriggers } = await import('../../../infra/azure/sync-triggers.js');
    const sync = new SyncTriggers('sync', { appId: APP_ID, packageSha256: 'ab'.repeat(32), token: pulumi.secret('t0'), armEndpoint: endpoint });
    await promiseOf(sync.urn);
    const [recorded] = ofType(resources, 'pulumi-nodejs:dynamic/faasbench-azure:SyncTriggers');
    const text = recorded?.inputs['__provider'];
    expect(typeof text).toBe('string');

    // The provider host: require-from-string, then handler() (cmd/dynamic-provider in @pulumi/pulumi).
    const requireFromString = createRequire(import.meta.url)('require-from-string') as (code: string) => { handler: () => pulumi.dynamic.ResourceProvider };
    const provider = requireFromString(String(text)).handler();
    seen.length = 0;
    script = [204];
    const inputs = { appId: APP_ID, packageSha256: 'ab'.repeat(32), token: 'fresh-token', armEndpoint: endpoint, apiVersion: '2024-11-01' };
    const created = await provider.create(inputs);
    expect(created).toEqual({ id: `${APP_ID}/syncfunctiontriggers`, outs: { appId: APP_ID, packageSha256: 'ab'.repeat(32), armEndpoint: endpoint, apiVersion: '2024-11-01', attempts: 1 } });
    expect(seen.map((s) => [s.method, s.url, s.authorization])).toEqual([['POST', `${APP_ID}/syncfunctiontriggers?api-version=2024-11-01`, 'Bearer fresh-token']]);

    // A fresh token alone changes nothing; a new package syncs again.
    const olds = { ...created.outs, token: 'old-token' };
    await expect(provider.diff?.(created.id, olds, { ...inputs, token: 'newer-token' })).resolves.toMatchObject({ changes: false });
    await expect(provider.diff?.(created.id, olds, { ...inputs, packageSha256: 'cd'.repeat(32) })).resolves.toMatchObject({ changes: true, replaces: [] });
    await expect(provider.diff?.(created.id, olds, { ...inputs, appId: `${APP_ID}x` })).resolves.toMatchObject({ changes: true, replaces: ['appId'] });
    script = [200];
    await expect(provider.update?.(created.id, olds, { ...inputs, packageSha256: 'cd'.repeat(32) })).resolves.toMatchObject({ outs: { packageSha256: 'cd'.repeat(32) } });
    expect(seen).toHaveLength(2);
    // The token never reaches the outputs Pulumi stores.
    expect(JSON.stringify(created.outs)).not.toContain('fresh-token');
  });
});
