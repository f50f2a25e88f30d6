import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseExperimentText } from '../../../experiments/schema/index.js';
import { deployExperimentLocally, type LocalPlatform, startLocalPlatform } from '../../../infra/local/index.js';
import { CHAIN_HEADERS, CHAIN_PAYLOAD_PARAM } from '../../../measurement-functions/chain/index.js';
import { TOKEN_HEADER } from '../../../measurement-functions/core/index.js';
import { TOKEN } from './helpers.js';
import { hopAnswers, postWithToken } from '../../measurement-functions/chain/chain-answers.js';

/** Chains of three real local functions, one inline and one through the platform's object store. */
let root: string;
let platform: LocalPlatform;
let inlineUrl: string;
let storageUrl: string;
let platformBase: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'faasbench-chain-'));
  platform = await startLocalPlatform({ keepAliveMs: 20_000, maxInstancesPerFunction: 2, workDir: path.join(root, 'work') });
  platformBase = platform.baseUrl;
  const sub = { bursts: 1, burstSizes: [1], iat: { distribution: 'fixed', ms: 10 }, memoryMb: 128 };
  const experiment = parseExperimentText(
    JSON.stringify({
      title: 'chain platform',
      vendor: 'local',
      subExperiments: [
        { ...sub, title: 'inline', chain: { length: 3, transfer: 'inline', payloadBytes: 0 } },
        { ...sub, title: 'storage', chain: { length: 3, transfer: 'storage', payloadBytes: 0 } },
      ],
    }),
    'experiments/chain-platform.json',
    { drawSeed: () => 1 },
  );
  const output = await deployExperimentLocally(experiment, platform, { token: TOKEN, cacheDir: path.join(root, 'cache') });
  inlineUrl = output.subExperiments[0]?.endpoints[0]?.url as string;
  storageUrl = output.subExperiments[1]?.endpoints[0]?.url as string;
}, 60_000);
afterAll(async () => {
  await platform?.stop();
  await rm(root, { recursive: true, force: true });
});

const post = (url: string, headers: Record<string, string> = {}, body?: Uint8Array) => postWithToken(url, TOKEN, headers, body);

const hops = hopAnswers;

describe('chains on the local platform', () => {
  test.each([
    ['inline', () => inlineUrl],
    ['storage', () => storageUrl],
  ])('%s: hop 0 makes the payload, every hop passes it on and nests the answer of the next', async (transfer, url) => {
    const answer = await post(`${url()}?${CHAIN_PAYLOAD_PARAM}=70000`, {});
    expect(answer.status).toBe(200);
    const list = hops(answer.body);
    expect(list.map((hop) => hop.chain.position)).toEqual([0, 1, 2]);
    for (const hop of list) {
      expect(hop.chain).toMatchObject({ length: 3, transfer, payloadBytes: 70_000, errors: [], chainId: list[0]?.chain.chainId });
      expect(hop.chain.stamps.payloadReadyAt).not.toBeNull();
      expect(hop.chain.stamps.respondedAt.monotonicMs).toBeGreaterThanOrEqual(hop.chain.stamps.receivedAt.monotonicMs);
    }
    // Inline: the body arrives at hops 1 and 2; storage: nothing in the body, a put at 0 and 1, a get and delete at 1 and 2.
    expect(list.map((hop) => hop.payloadBytes)).toEqual(transfer === 'inline' ? [0, 70_000, 70_000] : [0, 0, 0]);
    expect(list.map((hop) => hop.chain.storage.put !== null)).toEqual(transfer === 'inline' ? [false, false, false] : [true, true, false]);
    expect(list.map((hop) => hop.chain.storage.get !== null)).toEqual(transfer === 'inline' ? [false, false, false] : [false, true, true]);
    expect(list[2]?.chain.next).toBeNull();
    expect(list[2]?.chain.stamps.handedOnAt).toBeNull();
  });

  test('the object store ends empty: every object written was read and deleted', async () => {
    const stats = await platform.stats();
    expect(stats.objectStore.objects).toBe(0);
    expect(stats.objectStore.puts).toBeGreaterThanOrEqual(2);
    expect(stats.objectStore.deletes).toBe(stats.objectStore.puts);
  });

  test('a request without chain fields is a plain measurement; a refused one does no chain work', async () => {
    const plain = await post(storageUrl, {});
    expect(plain.status).toBe(200);
    expect(plain.body.chain).toBeUndefined();
    const refused = await fetch(`${storageUrl}?${CHAIN_PAYLOAD_PARAM}=10`, { method: 'POST' });
    expect(refused.status).toBe(401);
    expect(await post(`${storageUrl}?${CHAIN_PAYLOAD_PARAM}=${64 * 1024 * 1024 + 1}`, {})).toMatchObject({ status: 400 });
  });

  test('a hop only answers the hop before it, and only for keys that hop could have written', async () => {
    const consumer = `${platformBase}/fn/chain-platform-s1-r0-h1`;
    const base = { [CHAIN_HEADERS.chainId]: 'abc', [CHAIN_HEADERS.transfer]: 'storage', [CHAIN_HEADERS.payloadBytes]: '1' };
    expect((await post(consumer, { ...base, [CHAIN_HEADERS.fromHop]: '1', [CHAIN_HEADERS.objectKey]: 'transfers/abc/hop-0-x' })).body.message).toContain('only hop 0 calls it');
    // Another chain request's object, or one outside the transfer prefix, is refused before any read.
    const forged = await post(consumer, { ...base, [CHAIN_HEADERS.fromHop]: '0', [CHAIN_HEADERS.objectKey]: 'transfers/other/hop-0-x' });
    expect(forged).toMatchObject({ status: 400, body: { error: 'bad-request' } });
    expect((await platform.stats()).objectStore.gets).toBe(2);
  });

  test('a missing object fails the chain with 502, and the answer still carries every stamp measured', async () => {
    const consumer = `${platformBase}/fn/chain-platform-s1-r0-h1`;
    const answer = await post(consumer, {
      [CHAIN_HEADERS.chainId]: 'abc',
      [CHAIN_HEADERS.transfer]: 'storage',
      [CHAIN_HEADERS.payloadBytes]: '1',
      [CHAIN_HEADERS.fromHop]: '0',
      [CHAIN_HEADERS.objectKey]: 'transfers/abc/hop-0-gone',
    });
    expect(answer.status).toBe(502);
    expect(answer.body).toMatchObject({ error: 'chain-failed', instanceId: expect.any(String) });
    expect(answer.body.message).toMatch(/^hop 1 get: no-such-object: local get of transfers\/abc\/hop-0-gone failed: HTTP 404/);
    expect(answer.body.chain.stamps.payloadReadyAt).toBeNull();
    expect(answer.body.chain.storage.get.durationMs).toBeGreaterThanOrEqual(0);
    expect(answer.body.chain.next).toBeNull();
  });
});
