import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Miniflare, supportedCompatibilityDate } from 'miniflare';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseExperimentText } from '../../../experiments/schema/index.js';
import { buildWorkerUpload, workerVariables } from '../../../infra/cloudflare/index.js';
import { CHAIN_HEADERS, CHAIN_PAYLOAD_PARAM, NEXT_HOP_BINDING } from '../../../measurement-functions/chain/index.js';
import { MAIN_MODULE_NAME } from '../../../measurement-functions/cloudflare/index.js';
import { ENV, TOKEN_HEADER } from '../../../measurement-functions/core/index.js';
import { R2_BINDING } from '../../../measurement-functions/storage/store-env.js';
import { hopAnswers } from '../chain/chain-answers.js';

/**
 * Two real chains of three Workers in workerd through Miniflare, one inline and one through R2:
 * the main module deployCloudflare uploads, each script with the settings workerVariables gives
 * its position, a NEXT_HOP service binding to the next script (all but the last) and, on the
 * storage chain only, the TRANSFER_BUCKET R2 binding to one shared in-memory bucket. Hop i calls
 * hop i + 1 only through its binding: nothing in these Workers has a URL to call.
 */

const TOKEN = 'cloudflare-chain-test-token-0123456789';
const LENGTH = 3;
const BUCKET_ID = 'faasbench-transfers';
const TRANSFERS = ['inline', 'storage'] as const;

const subs = parseExperimentText(
  JSON.stringify({
    title: 'cf-chain',
    vendor: 'cloudflare',
    subExperiments: TRANSFERS.map((transfer) => ({
      title: transfer,
      bursts: 1,
      burstSizes: [1],
      iat: { distribution: 'fixed', ms: 1000 },
      chain: { length: LENGTH, transfer, payloadBytes: 1000 },
    })),
  }),
  'experiments/cf-chain.json',
  { drawSeed: () => 1 },
).subExperiments;

const scriptName = (transfer: string, position: number) => `chain-${transfer}${position === 0 ? '' : `-h${position}`}`;

let cacheDir: string;
let mf: Miniflare;

beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-cf-chain-'));
  const upload = await buildWorkerUpload({ packageSizeMb: 0, cacheDir });
  const moduleDir = path.join(cacheDir, 'modules');
  const contents = await readFile(upload.mainModule.path, 'utf8');
  mf = new Miniflare({
    cf: false,
    r2Persist: false,
    workers: subs.flatMap((sub) => {
      const transfer = sub.chain?.transfer as string;
      return Array.from({ length: LENGTH }, (_, position) => ({
        name: scriptName(transfer, position),
        compatibilityDate: supportedCompatibilityDate,
        modulesRoot: moduleDir,
        modules: [{ type: 'ESModule' as const, path: path.join(moduleDir, MAIN_MODULE_NAME), contents }],
        bindings: { ...workerVariables(sub, 'paid', position), [ENV.token]: TOKEN },
        serviceBindings: position === LENGTH - 1 ? {} : { [NEXT_HOP_BINDING]: scriptName(transfer, position + 1) },
        r2Buckets: transfer === 'storage' ? { [R2_BINDING]: BUCKET_ID } : {},
      }));
    }),
  });
  await mf.ready;
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
  await rm(cacheDir, { recursive: true, force: true });
});

async function send(script: string, options: { query?: string; token?: string | null; headers?: Record<string, string> } = {}) {
  // Typed by Miniflare with workers types this project does not install; fetch is all the test needs.
  const worker = (await mf.getWorker(script)) as unknown as {
    fetch(url: string, init: { method: string; headers: Record<string, string>; signal: AbortSignal }): Promise<{ status: number; json(): Promise<unknown> }>;
  };
  const token = options.token === undefined ? TOKEN : options.token;
  const response = await worker.fetch(`https://${script}.example.workers.dev/${options.query ?? ''}`, {
    method: 'POST',
    headers: { ...(token === null ? {} : { [TOKEN_HEADER]: token }), ...(options.headers ?? {}) },
    signal: AbortSignal.timeout(20_000),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** The objects left in the transfer bucket, read from Node. */
async function objectsLeft(): Promise<string[]> {
  const bucket = (await mf.getR2Bucket(R2_BINDING, scriptName('storage', 1))) as unknown as {
    list(options: { prefix: string }): Promise<{ objects: { key: string }[] }>;
    put(key: string, value: string): Promise<unknown>;
    delete(key: string): Promise<void>;
  };
  return (await bucket.list({ prefix: '' })).objects.map((object) => object.key);
}

const hops = hopAnswers;

describe('a chain of three Workers over service bindings', () => {
  test.each([
    ['inline', 0],
    ['inline', 250_000],
    ['storage', 0],
    ['storage', 250_000],
  ] as const)('%s, %d bytes: every hop stamps its part and nests the next answer', async (transfer, bytes) => {
    const answer = await send(scriptName(transfer, 0), { query: `?${CHAIN_PAYLOAD_PARAM}=${bytes}` });
    expect(answer.status).toBe(200);
    const list = hops(answer.body);
    expect(list.map((hop) => hop.chain.position)).toEqual([0, 1, 2]);
    for (const hop of list) {
      expect(hop).toMatchObject({ vendor: 'cloudflare', runtime: expect.stringMatching(/^Cloudflare-Workers/) });
      expect(hop.chain).toMatchObject({ length: LENGTH, transfer, payloadBytes: bytes, errors: [], chainId: list[0]?.chain.chainId });
      const { receivedAt, payloadReadyAt, respondedAt } = hop.chain.stamps;
      expect(payloadReadyAt.epochMs).toBeGreaterThanOrEqual(receivedAt.epochMs);
      expect(respondedAt.monotonicMs).toBeGreaterThanOrEqual(payloadReadyAt.monotonicMs);
      expect(hop.chain.storage.service).toBe(transfer === 'storage' ? 'r2' : null);
    }
    for (const hop of list.slice(0, 2)) {
      expect(hop.chain.next.status).toBe(200);
      expect(hop.chain.stamps.answerReceivedAt.monotonicMs).toBeGreaterThanOrEqual(hop.chain.stamps.handedOnAt.monotonicMs);
    }
    // Three isolates, one per script.
    expect(new Set(list.map((hop) => hop.instanceId)).size).toBe(3);
    expect(list[2]?.chain).toMatchObject({ next: null, stamps: { handedOnAt: null, answerReceivedAt: null } });
    expect(list.map((hop) => hop.payloadBytes)).toEqual(transfer === 'inline' ? [0, bytes, bytes] : [0, 0, 0]);
    expect(list.map((hop) => hop.chain.storage.put !== null)).toEqual(transfer === 'inline' ? [false, false, false] : [true, true, false]);
    expect(list.map((hop) => hop.chain.storage.get !== null && hop.chain.storage.delete !== null)).toEqual(transfer === 'inline' ? [false, false, false] : [false, true, true]);
    expect(await objectsLeft()).toEqual([]);
  });

  test('the bucket listing sees what is there, and many storage chains leave nothing behind', async () => {
    for (let i = 0; i < 4; i++) expect((await send(scriptName('storage', 0), { query: `?${CHAIN_PAYLOAD_PARAM}=5000` })).status).toBe(200);
    expect(await objectsLeft()).toEqual([]);
    const bucket = (await mf.getR2Bucket(R2_BINDING, scriptName('storage', 1))) as unknown as { put(key: string, value: string): Promise<unknown>; delete(key: string): Promise<void> };
    await bucket.put('transfers/seen/hop-0-x', 'abc');
    expect(await objectsLeft()).toEqual(['transfers/seen/hop-0-x']);
    await bucket.delete('transfers/seen/hop-0-x');
  });

  test('a chain Worker answers plain measurements, refuses strangers, and refuses what the chain may not pass', async () => {
    const plain = await send(scriptName('storage', 0));
    expect(plain.status).toBe(200);
    expect(plain.body['chain']).toBeUndefined();
    expect((await send(scriptName('storage', 0), { query: `?${CHAIN_PAYLOAD_PARAM}=10`, token: null })).status).toBe(401);
    expect(await send(scriptName('inline', 0), { query: `?${CHAIN_PAYLOAD_PARAM}=abc` })).toMatchObject({ status: 400, body: { error: 'bad-request' } });
  });

  test('a consumer only answers the hop before it, and only for keys that hop could have written', async () => {
    const base = { [CHAIN_HEADERS.chainId]: 'abc', [CHAIN_HEADERS.transfer]: 'storage', [CHAIN_HEADERS.payloadBytes]: '1' };
    const wrongHop = await send(scriptName('storage', 1), { headers: { ...base, [CHAIN_HEADERS.fromHop]: '1', [CHAIN_HEADERS.objectKey]: 'transfers/abc/hop-0-x' } });
    expect(wrongHop.body['message']).toContain('only hop 0 calls it');
    const forged = await send(scriptName('storage', 1), { headers: { ...base, [CHAIN_HEADERS.fromHop]: '0', [CHAIN_HEADERS.objectKey]: 'transfers/other/hop-0-x' } });
    expect(forged).toMatchObject({ status: 400, body: { error: 'bad-request' } });
  });

  test('a missing object fails the chain with 502 and an R2 NoSuchKey, with every stamp measured', async () => {
    const answer = await send(scriptName('storage', 1), {
      headers: {
        [CHAIN_HEADERS.chainId]: 'abc',
        [CHAIN_HEADERS.transfer]: 'storage',
        [CHAIN_HEADERS.payloadBytes]: '1',
        [CHAIN_HEADERS.fromHop]: '0',
        [CHAIN_HEADERS.objectKey]: 'transfers/abc/hop-0-gone',
      },
    });
    expect(answer.status).toBe(502);
    expect(answer.body).toMatchObject({ error: 'chain-failed', chain: { position: 1, next: null, stamps: { payloadReadyAt: null } } });
    expect(answer.body.chain.errors[0]).toMatchObject({ stage: 'get', code: 'NoSuchKey', status: 404 });
  });
});
