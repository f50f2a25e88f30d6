import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { nodeRecipe } from '../../../infra/gcp/recipes.js';
import { CONTRACT_FIELDS, instantsOf } from '../contract-fields.js';
import { deployedPackage, FUNCTION_ENV, TOKEN } from './deployed-package.js';
import { firstLine } from '../child-first-line.js';

/**
 * The Node.js package in Google's own runtime: the Functions Framework loads the package's
 * `main` and serves the registered `measure` function over real HTTP on 127.0.0.1, with the
 * framework's testing server (the production server with a port of our choosing: 0).
 */
const LAUNCHER = `
const { getTestServer } = require('@google-cloud/functions-framework/testing');
const loadStartedAt = performance.timeOrigin + performance.now();
require(process.cwd());
const loadEndedAt = performance.timeOrigin + performance.now();
const server = getTestServer('measure');
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({
  port: server.address().port, timeOrigin: performance.timeOrigin, loadStartedAt, loadEndedAt,
}) + '\\n'));
`;

/** The launcher process's clock: its time origin and the instants around loading the function (epoch ms). */
let launcher: { port: number; timeOrigin: number; loadStartedAt: number; loadEndedAt: number };

let pkg: Awaited<ReturnType<typeof deployedPackage>>;
let child: ChildProcess;
let baseUrl: string;

beforeAll(async () => {
  pkg = await deployedPackage(nodeRecipe, 1);
  // Stands in for the `npm install` Cloud Build runs: the framework the package pins, from here.
  await symlink(path.resolve('node_modules'), path.join(pkg.dir, 'node_modules'), 'dir');
  child = spawn(process.execPath, ['-e', LAUNCHER], {
    cwd: pkg.dir,
    env: { PATH: process.env['PATH'], ...FUNCTION_ENV, FAASBENCH_RUNTIME: 'nodejs22' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  launcher = JSON.parse(await firstLine(child, 15_000)) as typeof launcher;
  baseUrl = `http://127.0.0.1:${launcher.port}/`;
});

afterAll(async () => {
  if (child !== undefined && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill();
    await exited;
  }
  await pkg?.remove();
});

interface Call {
  readonly token?: string;
  readonly query?: string;
  readonly body?: string | Uint8Array;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
}

async function call(options: Call = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers['x-faasbench-token'] = options.token;
  if (options.contentType !== undefined) headers['content-type'] = options.contentType;
  const response = await fetch(`${baseUrl}?${options.query ?? ''}`, {
    method: options.body === undefined ? 'GET' : 'POST',
    headers,
    body: options.body,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the gcp Node.js adapter in the Functions Framework', () => {
  test('the package carries its filler and still loads', () => {
    expect(pkg.built.bytes).toBe(1024 * 1024);
    expect(pkg.built.fillerBytes).toBeGreaterThan(0);
  });

  test('refuses requests without the right token (401) before any work; they take the cold start', async () => {
    // An unread upload without a content type: refused without reading it.
    const missing = await call({ query: 'spinMs=500', body: new Uint8Array(100_000) });
    expect(missing).toEqual({ status: 401, body: { error: 'unauthorized', message: 'missing or wrong x-faasbench-token' } });
    expect((await call({ token: `${TOKEN}x`, query: 'spinMs=500' })).status).toBe(401);

    const cold = await call({ token: TOKEN, query: 'spinIncrements=100000' });
    expect(cold.status).toBe(200);
    expect(Object.keys(cold.body).sort()).toEqual(CONTRACT_FIELDS);
    expect(cold.body).toMatchObject({
      coldStart: false,
      refusedBeforeFirst: 2,
      invocationCount: 1,
      spinIncrements: 100000,
      spinCapped: false,
      payloadBytes: 0,
      vendor: 'gcp',
      region: 'europe-west1',
      memoryMb: 256,
      requestId: null,
    });
    expect(String(cold.body['runtime'])).toMatch(/^nodejs v\d+\./);
    const times = instantsOf(cold.body);
    expect(times.every(Number.isFinite)).toBe(true);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // The framework process's start, and the end of loading the function's module.
    expect(cold.body['instanceStartedAt']).toBe(launcher.timeOrigin);
    expect(times[1]).toBeGreaterThanOrEqual(launcher.loadStartedAt);
    expect(times[1]).toBeLessThanOrEqual(launcher.loadEndedAt);

    const warm = await call({ token: TOKEN, query: 'spinMs=20' });
    expect(warm.body).toMatchObject({ coldStart: false, refusedBeforeFirst: 2, invocationCount: 2, instanceId: cold.body['instanceId'] });
    expect(warm.body['serviceTimeMs']).toBeGreaterThanOrEqual(20);
  });

  test('counts the payload bytes whatever the content type, and refuses more than the cap', async () => {
    const bytes = new Uint8Array(1000).fill(7);
    expect((await call({ token: TOKEN, body: bytes, contentType: 'application/octet-stream' })).body['payloadBytes']).toBe(1000);
    expect((await call({ token: TOKEN, body: '{"a":[1,2,3]}', contentType: 'application/json' })).body['payloadBytes']).toBe(13);
    expect((await call({ token: TOKEN, body: 'héllo', contentType: 'text/plain' })).body['payloadBytes']).toBe(6);
    // No Content-Type: none of the framework's parsers reads the body, the adapter does.
    expect((await call({ token: TOKEN, body: new Uint8Array(777) })).body['payloadBytes']).toBe(777);
    const tooLarge = await call({ token: TOKEN, body: new Uint8Array(4097), contentType: 'application/octet-stream' });
    expect(tooLarge).toMatchObject({ status: 413, body: { error: 'payload-too-large' } });
    expect((await call({ token: TOKEN, body: new Uint8Array(4097) })).status).toBe(413);
  });

  test("takes the platform's request id: the execution id, else the trace id", async () => {
    const both = await call({ token: TOKEN, headers: { 'function-execution-id': 'exec-42', 'x-cloud-trace-context': 'trace-1/2;o=1' } });
    expect(both.body['requestId']).toBe('exec-42');
    const trace = await call({ token: TOKEN, headers: { 'X-Cloud-Trace-Context': '0af7651916cd43dd8448eb211c80319c/123;o=1' } });
    expect(trace.body['requestId']).toBe('0af7651916cd43dd8448eb211c80319c');
  });

  test('reads the spin from the query, the first of repeated values, and refuses bad ones', async () => {
    expect((await call({ token: TOKEN, query: 'spinIncrements=5&spinIncrements=7' })).body['spinIncrements']).toBe(5);
    expect((await call({ token: TOKEN, query: 'spinIncrements=1.5' })).status).toBe(400);
    expect((await call({ token: TOKEN, query: 'spinMs=2001' })).status).toBe(400);
  });
});

