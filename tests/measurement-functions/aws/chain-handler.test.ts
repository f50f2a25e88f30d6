import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { S3Client, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { nodeRecipe } from '../../../infra/aws/index.js';
import { CHAIN_ENV, CHAIN_HEADERS, CHAIN_PAYLOAD_PARAM } from '../../../measurement-functions/chain/index.js';
import { STORE_ENV } from '../../../measurement-functions/storage/store-env.js';
import { LAMBDA_ENV, REQUEST_TOKEN } from './function-url-events.js';
import { hopAnswers, postWithToken } from '../chain/chain-answers.js';
import { firstLine } from '../child-first-line.js';

/**
 * Chains of the bundled Lambda adapter, each hop in its own Node process as in its own execution
 * environment, behind a stand-in Function URL on 127.0.0.1: it turns each HTTP request into a
 * payload format 2.0 event (a binary body base64-encoded, as Lambda does) and the handler's
 * result back into the response. Hop i reaches hop i + 1 over real HTTP at the URL its
 * environment names; storage hops write to and read from s3rver through the AWS SDK.
 *
 * Inline hops run from a folder without node_modules: the SDK is not there, so a plain or inline
 * function that loaded it would fail to start. Storage hops run from a folder where node_modules
 * stands in for the SDK the Lambda runtime ships.
 */
const GATEWAY = `
const http = require('node:http');
import(require('node:path').join(process.cwd(), 'index.mjs')).then(({ handler }) => {
  let n = 0;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url, 'http://gateway');
      const body = Buffer.concat(chunks);
      const text = /^(text\\/|application\\/json)/.test(req.headers['content-type'] ?? '');
      const event = {
        version: '2.0', rawPath: url.pathname, rawQueryString: url.search.slice(1), headers: { ...req.headers },
        requestContext: { http: { method: req.method, path: url.pathname } }, isBase64Encoded: body.length > 0 && !text,
      };
      if (url.search !== '') event.queryStringParameters = Object.fromEntries(url.searchParams);
      if (body.length > 0) event.body = text ? body.toString('utf8') : body.toString('base64');
      const result = await handler(event, { awsRequestId: process.env.HOP_NAME + '-req-' + n++ });
      res.writeHead(result.statusCode, result.headers);
      res.end(result.body);
    });
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\\n'));
}, (error) => { process.stderr.write(String(error && error.stack || error)); process.exit(3); });
`;

const BUCKET = 'faasbench-chain-test';
let root: string;
let s3rver: S3rver;
let s3Endpoint: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-aws-chain-'));
  const files = await nodeRecipe.files();
  for (const folder of ['plain', 'with-sdk']) {
    await mkdir(path.join(root, folder));
    for (const file of files) await writeFile(path.join(root, folder, file.name), file.content);
  }
  await symlink(path.resolve('node_modules'), path.join(root, 'with-sdk', 'node_modules'), 'dir');
  s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: path.join(root, 's3'), resetOnClose: true, configureBuckets: [{ name: BUCKET }] });
  s3Endpoint = `http://127.0.0.1:${(await s3rver.run()).port}`;
}, 30_000);

afterAll(async () => {
  await Promise.all(
    children.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => {
      const exited = new Promise((resolve) => c.once('exit', resolve));
      c.kill();
      return exited;
    }),
  );
  await s3rver?.close();
  await rm(root, { recursive: true, force: true });
});

/** Starts a chain's hops last first, each told the next one's URL, as the stack deploys them; returns hop 0's URL. */
async function startChain(transfer: 'inline' | 'storage', length: number): Promise<string[]> {
  const urls: string[] = [];
  for (let position = length - 1; position >= 0; position--) {
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '',
      ...LAMBDA_ENV,
      HOP_NAME: `${transfer}-h${position}`,
      [CHAIN_ENV.position]: String(position),
      [CHAIN_ENV.length]: String(length),
      [CHAIN_ENV.transfer]: transfer,
      [CHAIN_ENV.maxPayloadBytes]: String(4 * 1024 * 1024),
      [CHAIN_ENV.nextTimeoutMs]: '15000',
    };
    if (urls[0] !== undefined) env[CHAIN_ENV.nextHopUrl] = urls[0];
    if (transfer === 'storage') {
      // What Lambda gives a function with a role, here pointing the SDK at s3rver.
      Object.assign(env, { [STORE_ENV.bucket]: BUCKET, AWS_ENDPOINT_URL_S3: s3Endpoint, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' });
    }
    const child = spawn(process.execPath, ['-e', GATEWAY], { cwd: path.join(root, transfer === 'storage' ? 'with-sdk' : 'plain'), env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const { port } = JSON.parse(await firstLine(child, 15_000, 'the hop')) as { port: number };
    urls.unshift(`http://127.0.0.1:${port}/`);
  }
  return urls;
}

const post = (url: string, headers: Record<string, string> = {}, body?: Uint8Array) => postWithToken(url, REQUEST_TOKEN, headers, body);

const hops = hopAnswers;

describe('chains of the bundled Lambda adapter behind Function URLs', () => {
  test('inline: three hops, the payload in each request body, every answer nested, no SDK anywhere', async () => {
    const [hop0, hop1] = await startChain('inline', 3);
    const answer = await post(`${hop0}?${CHAIN_PAYLOAD_PARAM}=300000`);
    expect(answer.status).toBe(200);
    const list = hops(answer.body);
    expect(list.map((hop) => hop.chain.position)).toEqual([0, 1, 2]);
    expect(list.map((hop) => hop.requestId)).toEqual(['inline-h0-req-0', 'inline-h1-req-0', 'inline-h2-req-0']);
    // Lambda delivers the octet-stream body base64-encoded; the adapter counts the bytes sent.
    expect(list.map((hop) => hop.payloadBytes)).toEqual([0, 300_000, 300_000]);
    for (const hop of list) {
      expect(hop.chain).toMatchObject({ length: 3, transfer: 'inline', payloadBytes: 300_000, errors: [], chainId: list[0]?.chain.chainId });
      expect(hop.chain.storage).toEqual({ service: null, put: null, get: null, delete: null });
      expect(hop.coldStart).toBe(true);
    }
    // A receiver's payload is ready when its handler starts: Lambda read the body before.
    expect(list[1]?.chain.stamps.payloadReadyAt).toEqual(list[1]?.chain.stamps.receivedAt);
    expect(list[0]?.chain.stamps.handedOnAt.monotonicMs).toBeLessThanOrEqual(list[0]?.chain.stamps.answerReceivedAt.monotonicMs);
    expect(list[2]?.chain).toMatchObject({ next: null, stamps: { handedOnAt: null, answerReceivedAt: null } });

    // Only hop i - 1 may call hop i, and only with the token.
    const chainHeaders = { [CHAIN_HEADERS.chainId]: 'c-1', [CHAIN_HEADERS.transfer]: 'inline', [CHAIN_HEADERS.payloadBytes]: '4', 'content-type': 'application/octet-stream' };
    const forged = await post(hop1!, { ...chainHeaders, [CHAIN_HEADERS.fromHop]: '1' }, new Uint8Array(4));
    expect(forged).toMatchObject({ status: 400, body: { error: 'bad-request' } });
    const anonymous = await fetch(hop1!, { method: 'POST', headers: { ...chainHeaders, [CHAIN_HEADERS.fromHop]: '0' }, body: new Uint8Array(4) });
    expect(anonymous.status).toBe(401);
    // A request without chain fields is a plain measurement.
    expect((await post(hop0!)).body.chain).toBeUndefined();
  });

  test('storage: each hop writes to S3, the next reads it back and deletes it; the bucket ends empty', async () => {
    const [hop0] = await startChain('storage', 3);
    for (const bytes of [1024, 2 * 1024 * 1024]) {
      const answer = await post(`${hop0}?${CHAIN_PAYLOAD_PARAM}=${bytes}`);
      expect(answer.status).toBe(200);
      const list = hops(answer.body);
      expect(list.map((hop) => hop.chain.position)).toEqual([0, 1, 2]);
      expect(list.map((hop) => hop.payloadBytes)).toEqual([0, 0, 0]);
      for (const hop of list) expect(hop.chain).toMatchObject({ transfer: 'storage', payloadBytes: bytes, errors: [], storage: { service: 's3' } });
      expect(list.map((hop) => [hop.chain.storage.put !== null, hop.chain.storage.get !== null, hop.chain.storage.delete !== null])).toEqual([
        [true, false, false],
        [true, true, true],
        [false, true, true],
      ]);
      expect(list[1]?.chain.stamps.payloadReadyAt.monotonicMs).toBeGreaterThanOrEqual(list[1]?.chain.storage.get.endedAtMonotonicMs);
    }
    expect(await objectsLeft()).toBe(0);
  });

  test('a next hop that is gone: hop 0 answers 502 with what it measured, and deletes the object nobody read', async () => {
    const [hop0] = await startChain('storage', 2);
    const last = children[children.length - 2]!;
    const exited = new Promise((resolve) => last.once('exit', resolve));
    last.kill();
    await exited;
    const answer = await post(`${hop0}?${CHAIN_PAYLOAD_PARAM}=5000`);
    expect(answer.status).toBe(502);
    expect(answer.body).toMatchObject({ error: 'chain-failed', coldStart: true, chain: { position: 0, next: { status: null, body: null } } });
    expect(answer.body.chain.storage.put).not.toBeNull();
    expect(answer.body.chain.stamps.handedOnAt).not.toBeNull();
    expect(answer.body.chain.errors).toEqual([expect.objectContaining({ stage: 'next-hop', code: 'ECONNREFUSED', status: null })]);
    expect(await objectsLeft()).toBe(0);
  });
});

async function objectsLeft(): Promise<number> {
  const client = new S3Client({ region: 'eu-central-1', endpoint: s3Endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  try {
    return (await client.send(new ListObjectsV2Command({ Bucket: BUCKET }))).KeyCount ?? 0;
  } finally {
    client.destroy();
  }
}

