import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Miniflare, supportedCompatibilityDate } from 'miniflare';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseExperimentText } from '../../../experiments/schema/index.js';
import { buildWorkerUpload, type WorkerUpload, workerVariables } from '../../../infra/cloudflare/index.js';
import { FILLER_BYTES_HEADER, FILLER_MODULE_NAME, MAIN_MODULE_NAME } from '../../../measurement-functions/cloudflare/index.js';
import { ENV, TOKEN_HEADER } from '../../../measurement-functions/core/index.js';

/**
 * The deployed Worker, run for real in workerd through Miniflare: the exact main module and filler
 * module deployCloudflare uploads (built the same way, with a small filler) and the bindings it
 * gives every script. Each request is bounded by a timeout.
 */

const TOKEN = 'cloudflare-worker-test-token-0123456789';
const PACKAGE_SIZE_MB = 0.05;
const sub = parseExperimentText(
  JSON.stringify({
    title: 'cf-worker',
    vendor: 'cloudflare',
    subExperiments: [{ title: 's', bursts: 1, burstSizes: [1], iat: { distribution: 'fixed', ms: 1000 }, packageSizeMb: PACKAGE_SIZE_MB }],
  }),
  'experiments/cf-worker.json',
  { drawSeed: () => 1 },
).subExperiments[0]!;

let cacheDir: string;
let upload: WorkerUpload;
let mf: Miniflare;

interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Headers;
}

async function send(
  options: { token?: string | null; query?: string; body?: Uint8Array; colo?: string; ray?: string } = {},
): Promise<Reply> {
  const token = options.token === undefined ? TOKEN : options.token;
  const headers: Record<string, string> = token === null ? {} : { [TOKEN_HEADER]: token };
  if (options.ray !== undefined) headers['cf-ray'] = options.ray;
  const response = await mf.dispatchFetch(`https://fb-test.faasbench-team.workers.dev/${options.query ?? ''}`, {
    method: options.body === undefined ? 'GET' : 'POST',
    headers,
    body: options.body,
    cf: options.colo === undefined ? undefined : { colo: options.colo },
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-cf-worker-'));
  upload = await buildWorkerUpload({ packageSizeMb: PACKAGE_SIZE_MB, cacheDir });
  const moduleDir = path.join(cacheDir, 'modules');
  mf = new Miniflare({
    // The stack's compatibility date may be newer than this workerd build knows; the Worker
    // relies on nothing date-gated, so the newest date it supports stands in.
    compatibilityDate: supportedCompatibilityDate,
    // No Request.cf download: Miniflare's placeholder (colo "DFW") unless a request sets one.
    cf: false,
    modulesRoot: moduleDir,
    modules: [
      { type: 'ESModule', path: path.join(moduleDir, MAIN_MODULE_NAME), contents: await readFile(upload.mainModule.path, 'utf8') },
      { type: 'Data', path: path.join(moduleDir, FILLER_MODULE_NAME), contents: new Uint8Array(await readFile(upload.filler!.path)) },
    ],
    bindings: { ...workerVariables(sub), [ENV.token]: TOKEN },
  });
  await mf.ready;
});

afterAll(async () => {
  await mf?.dispose();
  await rm(cacheDir, { recursive: true, force: true });
});

/** When the test sent the isolate's first request and when its answer came (epoch ms, this process's clock). */
const firstRequest = { sentAt: 0, answeredAt: 0 };

describe('the Cloudflare measurement Worker in workerd', () => {
  test('refuses a request without the right token with 401, before any work, with the small body', async () => {
    firstRequest.sentAt = Date.now();
    const missing = await send({ token: null, body: new Uint8Array(1024) });
    firstRequest.answeredAt = Date.now();
    expect(missing).toEqual({ status: 401, body: { error: 'unauthorized', message: 'missing or wrong x-faasbench-token' }, headers: expect.anything() });
    expect((await send({ token: `${TOKEN}x` })).status).toBe(401);
  });

  test("the refused requests took the isolate's cold start: its first accepted request is warm and counts them", async () => {
    const first = await send();
    const second = await send();
    expect(first).toMatchObject({ status: 200, body: { coldStart: false, refusedBeforeFirst: 2, invocationCount: 1, initEndedAt: null } });
    expect(second).toMatchObject({ status: 200, body: { coldStart: false, refusedBeforeFirst: 2, invocationCount: 2, instanceId: first.body['instanceId'] } });
    expect(second.body['instanceStartedAt']).toBe(first.body['instanceStartedAt']);
    // The instance was made when the isolate received its first request, the refused one.
    expect(first.body['instanceStartedAt']).toBeGreaterThanOrEqual(firstRequest.sentAt);
    expect(first.body['instanceStartedAt']).toBeLessThanOrEqual(firstRequest.answeredAt);
  });

  test('answers with every contract field, the colo as region and cf-ray as request id', async () => {
    const reply = await send({ query: '?spinIncrements=100000', colo: 'AMS', ray: '8f1e2d3c4b5a6978-AMS' });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json');
    expect(reply.body).toEqual({
      instanceId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      coldStart: false,
      refusedBeforeFirst: 2,
      invocationCount: 3,
      instanceStartedAt: expect.any(Number),
      // workerd's clock cannot say when global init ended.
      initEndedAt: null,
      handlerStartedAt: expect.any(Number),
      handlerEndedAt: expect.any(Number),
      // Deployed workerd freezes the clock while code runs, so the Worker never reports a time.
      serviceTimeMs: null,
      spinIncrements: 100000,
      spinCapped: false,
      payloadBytes: 0,
      vendor: 'cloudflare',
      runtime: 'Cloudflare-Workers',
      region: 'AMS',
      memoryMb: 128,
      requestId: '8f1e2d3c4b5a6978-AMS',
    });
    const at = reply.body as Record<string, number>;
    expect(at['instanceStartedAt']!).toBeGreaterThan(Date.parse('2020-01-01'));
    expect(at['instanceStartedAt']!).toBeLessThanOrEqual(at['handlerStartedAt']!);
    expect(at['handlerStartedAt']!).toBeLessThanOrEqual(at['handlerEndedAt']!);
  });

  test('loaded the whole filler module', async () => {
    const reply = await send();
    expect(Number(reply.headers.get(FILLER_BYTES_HEADER))).toBe(upload.filler!.bytes);
    expect(upload.mainModule.bytes + upload.filler!.bytes).toBe(Math.round(PACKAGE_SIZE_MB * 1024 * 1024));
  });

  test('refuses spinMs: a frozen clock cannot time a spin', async () => {
    const reply = await send({ query: '?spinMs=5' });
    expect(reply).toMatchObject({ status: 400, body: { error: 'bad-request' } });
    expect(reply.body['message']).toMatch(/use spinIncrements/);
  });

  test('counts the payload bytes of the body', async () => {
    const reply = await send({ body: new Uint8Array(4321).fill(7) });
    expect(reply).toMatchObject({ status: 200, body: { payloadBytes: 4321 } });
  });
});

describe('the Worker uploaded for packageSizeMb 0 (no filler module) in workerd', () => {
  let plain: Miniflare;

  beforeAll(async () => {
    const codeOnly = await buildWorkerUpload({ packageSizeMb: 0, cacheDir });
    const moduleDir = path.join(cacheDir, 'plain');
    plain = new Miniflare({
      compatibilityDate: supportedCompatibilityDate,
      cf: false,
      modulesRoot: moduleDir,
      modules: [{ type: 'ESModule', path: path.join(moduleDir, MAIN_MODULE_NAME), contents: await readFile(codeOnly.mainModule.path, 'utf8') }],
      // A small payload cap, so a refused body stays small.
      bindings: { ...workerVariables(sub), [ENV.maxPayloadBytes]: '1000', [ENV.token]: TOKEN },
    });
    await plain.ready;
  });

  afterAll(async () => {
    await plain?.dispose();
  });

  const post = async (bytes: number) => {
    const response = await plain.dispatchFetch('https://fb-test.faasbench-team.workers.dev/', {
      method: 'POST',
      headers: { [TOKEN_HEADER]: TOKEN },
      body: new Uint8Array(bytes),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: response.status, filler: response.headers.get(FILLER_BYTES_HEADER), body: (await response.json()) as Record<string, unknown> };
  };

  test('serves without a filler and refuses a payload over the cap with 413', async () => {
    // This isolate's first request is accepted: its cold start.
    expect(await post(1000)).toMatchObject({ status: 200, filler: null, body: { coldStart: true, refusedBeforeFirst: 0, invocationCount: 1, initEndedAt: null, payloadBytes: 1000 } });
    expect(await post(1001)).toMatchObject({ status: 413, body: { error: 'payload-too-large' } });
  });
});
