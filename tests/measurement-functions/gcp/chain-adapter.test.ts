import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { nodeRecipe } from '../../../infra/gcp/recipes.js';
import { CHAIN_ENV, CHAIN_HEADERS, CHAIN_PAYLOAD_PARAM } from '../../../measurement-functions/chain/index.js';
import { EMULATOR_ENV } from '../../../measurement-functions/gcp/transfer-store.js';
import { STORE_ENV } from '../../../measurement-functions/storage/store-env.js';
import { deployedPackage, FUNCTION_ENV, TOKEN } from './deployed-package.js';
import { type FakeGcs, startFakeGcs } from './fake-gcs.js';
import { hopAnswers, postWithToken } from '../chain/chain-answers.js';
import { firstLine } from '../child-first-line.js';

/**
 * Chains of the Node.js package in the Functions Framework: each hop its own framework process
 * serving the package over real HTTP on 127.0.0.1, told the next hop's URL in its environment as
 * the stack tells it. Storage hops reach a stand-in Cloud Storage and metadata server (fake-gcs.ts)
 * through the variables Google's client libraries honour; the stack never sets those.
 */
const LAUNCHER = `
const { getTestServer } = require('@google-cloud/functions-framework/testing');
require(process.cwd());
const server = getTestServer('measure');
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\\n'));
`;

const BUCKET = 'fb-test-transfers';
let pkg: Awaited<ReturnType<typeof deployedPackage>>;
let gcs: FakeGcs;
const children: ChildProcess[] = [];

beforeAll(async () => {
  pkg = await deployedPackage(nodeRecipe, 0);
  await symlink(path.resolve('node_modules'), path.join(pkg.dir, 'node_modules'), 'dir');
  gcs = await startFakeGcs(BUCKET);
}, 30_000);

afterAll(async () => {
  await Promise.all(
    children.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => {
      const exited = new Promise((resolve) => c.once('exit', resolve));
      c.kill();
      return exited;
    }),
  );
  await gcs?.stop();
  await pkg?.remove();
});

/** Starts a chain's hops last first, as the stack deploys them; returns their URLs, hop 0 first. */
async function startChain(transfer: 'inline' | 'storage', length: number): Promise<string[]> {
  const urls: string[] = [];
  for (let position = length - 1; position >= 0; position--) {
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '',
      ...FUNCTION_ENV,
      FAASBENCH_RUNTIME: 'nodejs22',
      FAASBENCH_MAX_PAYLOAD_BYTES: String(6 * 1024 * 1024),
      [CHAIN_ENV.position]: String(position),
      [CHAIN_ENV.length]: String(length),
      [CHAIN_ENV.transfer]: transfer,
      [CHAIN_ENV.maxPayloadBytes]: String(6 * 1024 * 1024),
      [CHAIN_ENV.nextTimeoutMs]: '15000',
    };
    if (urls[0] !== undefined) env[CHAIN_ENV.nextHopUrl] = urls[0];
    if (transfer === 'storage') Object.assign(env, { [STORE_ENV.bucket]: BUCKET, [EMULATOR_ENV.storage]: gcs.host, [EMULATOR_ENV.metadata]: gcs.host });
    const child = spawn(process.execPath, ['-e', LAUNCHER], { cwd: pkg.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const { port } = JSON.parse(await firstLine(child, 15_000)) as { port: number };
    urls.unshift(`http://127.0.0.1:${port}/`);
  }
  return urls;
}

const post = (url: string, headers: Record<string, string> = {}, body?: Uint8Array) => postWithToken(url, TOKEN, headers, body);

const hops = hopAnswers;

describe('chains of the gcp Node.js adapter in the Functions Framework', () => {
  test('inline: three hops, the payload in each request body, every answer nested; only hop i - 1 may call hop i', async () => {
    const [hop0, hop1] = await startChain('inline', 3);
    const answer = await post(`${hop0}?${CHAIN_PAYLOAD_PARAM}=500000`);
    expect(answer.status).toBe(200);
    const list = hops(answer.body);
    expect(list.map((hop) => hop.chain.position)).toEqual([0, 1, 2]);
    expect(list.map((hop) => hop.payloadBytes)).toEqual([0, 500_000, 500_000]);
    for (const hop of list) {
      expect(hop.chain).toMatchObject({ length: 3, transfer: 'inline', payloadBytes: 500_000, errors: [], chainId: list[0]?.chain.chainId });
      expect(hop.chain.storage).toEqual({ service: null, put: null, get: null, delete: null });
      expect(hop.vendor).toBe('gcp');
    }
    // The receiver's payload is ready once the body is read, which is at or after the handler started.
    const stamps = list[1]?.chain.stamps;
    expect(stamps.payloadReadyAt.monotonicMs).toBeGreaterThanOrEqual(stamps.receivedAt.monotonicMs);
    expect(list[2]?.chain).toMatchObject({ next: null, stamps: { handedOnAt: null, answerReceivedAt: null } });

    const chainHeaders = { [CHAIN_HEADERS.chainId]: 'c-1', [CHAIN_HEADERS.transfer]: 'inline', [CHAIN_HEADERS.payloadBytes]: '4', 'content-type': 'application/octet-stream' };
    expect(await post(hop1!, { ...chainHeaders, [CHAIN_HEADERS.fromHop]: '1' }, new Uint8Array(4))).toMatchObject({ status: 400, body: { error: 'bad-request' } });
    const anonymous = await fetch(hop1!, { method: 'POST', headers: { ...chainHeaders, [CHAIN_HEADERS.fromHop]: '0' }, body: new Uint8Array(4) });
    expect(anonymous.status).toBe(401);
    // A direct call with the right headers is a chain of its own from hop 1 on.
    const direct = await post(hop1!, { ...chainHeaders, [CHAIN_HEADERS.fromHop]: '0' }, new Uint8Array(4));
    expect(hops(direct.body).map((hop) => hop.chain.position)).toEqual([1, 2]);
    // No chain fields: a plain measurement.
    expect((await post(hop0!)).body.chain).toBeUndefined();
    expect(gcs.calls).toEqual([]);
  });

  test('storage: each hop uploads, the next downloads and deletes; one token per instance; the bucket ends empty', async () => {
    const [hop0] = await startChain('storage', 3);
    for (const bytes of [1000, 3 * 1024 * 1024]) {
      const answer = await post(`${hop0}?${CHAIN_PAYLOAD_PARAM}=${bytes}`);
      expect(answer.status).toBe(200);
      const list = hops(answer.body);
      expect(list.map((hop) => hop.payloadBytes)).toEqual([0, 0, 0]);
      for (const hop of list) expect(hop.chain).toMatchObject({ transfer: 'storage', payloadBytes: bytes, errors: [], storage: { service: 'gcs' } });
      expect(list.map((hop) => [hop.chain.storage.put !== null, hop.chain.storage.get !== null, hop.chain.storage.delete !== null])).toEqual([
        [true, false, false],
        [true, true, true],
        [false, true, true],
      ]);
    }
    expect(gcs.mismatches).toEqual([]);
    expect(gcs.objects.size).toBe(0);
    // Three instances each fetched the token once; per chain request two puts, two gets, two deletes of keys under transfers/<chain id>/.
    expect(gcs.calls.filter((c) => c === 'token')).toHaveLength(3);
    const ops = gcs.calls.filter((c) => c !== 'token');
    expect(ops).toHaveLength(12);
    for (const op of ops) expect(op).toMatch(/^(put|get|delete) transfers\/[A-Za-z0-9-]+\/hop-[01]-/);
  });
});

