import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { nodeRecipe } from '../../../infra/aws/index.js';
import { bodyBytes } from '../../../measurement-functions/aws/function-url-event.js';
import { CONTRACT_FIELDS, instantsOf } from '../contract-fields.js';
import { functionUrlEvent, LAMBDA_ENV, REQUEST_TOKEN } from './function-url-events.js';

interface Invocation {
  readonly result: { statusCode: number; headers: Record<string, string>; body: string };
  readonly ms: number;
}

/** The driver process's own clock readings around the import, epoch ms. */
interface ProcessTimes {
  readonly timeOrigin: number;
  readonly importStartedAt: number;
  readonly importEndedAt: number;
}

/**
 * Loads the bundle exactly as packaged (index.mjs) in a fresh Node process, as Lambda does in a
 * new execution environment, and invokes its handler once per event, in order. It waits
 * `beforeImportMs` before loading the bundle (a runtime that takes its time to start) and
 * `beforeFirstEventMs` after (an environment initialised ahead of its first request).
 */
const DRIVER = `
import { readFile } from 'node:fs/promises';
const { events, beforeImportMs, beforeFirstEventMs } = JSON.parse(await readFile(new URL('./events.json', import.meta.url), 'utf8'));
const epochNow = () => performance.timeOrigin + performance.now();
await new Promise((resolve) => setTimeout(resolve, beforeImportMs));
const importStartedAt = epochNow();
const { handler } = await import('./index.mjs');
const importEndedAt = epochNow();
await new Promise((resolve) => setTimeout(resolve, beforeFirstEventMs));
const out = [];
for (const [i, event] of events.entries()) {
  const context = {
    awsRequestId: 'req-' + i, functionName: process.env.AWS_LAMBDA_FUNCTION_NAME, functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:' + process.env.AWS_LAMBDA_FUNCTION_NAME,
    memoryLimitInMB: '512', logGroupName: '/aws/lambda/' + process.env.AWS_LAMBDA_FUNCTION_NAME, logStreamName: 'stream',
    callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => 90000,
  };
  const started = performance.now();
  const result = await handler(event, context);
  out.push({ result, ms: performance.now() - started });
}
process.stdout.write(JSON.stringify({ times: { timeOrigin: performance.timeOrigin, importStartedAt, importEndedAt }, invocations: out }));
`;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-aws-node-'));
  const [bundle] = await nodeRecipe.files();
  await writeFile(path.join(dir, 'index.mjs'), bundle!.content);
  await writeFile(path.join(dir, 'driver.mjs'), DRIVER);
});

afterAll(async () => rm(dir, { recursive: true, force: true }));

async function run(
  events: readonly Record<string, unknown>[],
  waits: { beforeImportMs?: number; beforeFirstEventMs?: number } = {},
): Promise<{ times: ProcessTimes; invocations: Invocation[] }> {
  await writeFile(path.join(dir, 'events.json'), JSON.stringify({ events, beforeImportMs: 0, beforeFirstEventMs: 0, ...waits }));
  return new Promise((resolve, reject) => {
    execFile('node', ['driver.mjs'], { cwd: dir, env: { PATH: process.env['PATH'], ...LAMBDA_ENV }, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as { times: ProcessTimes; invocations: Invocation[] });
    });
  });
}

const invoke = async (events: readonly Record<string, unknown>[]): Promise<Invocation[]> => (await run(events)).invocations;

const body = (i: Invocation | undefined): Record<string, unknown> => JSON.parse(i?.result.body ?? 'null') as Record<string, unknown>;

describe('the bundled Node adapter behind a Function URL', () => {
  test('refuses a request without the token before any work; the refusals take the cold start', async () => {
    const binary = Buffer.alloc(1000, 7);
    const out = await invoke([
      functionUrlEvent({ query: { spinMs: '500' } }),
      functionUrlEvent({ token: 'stack-token-0123456789abcdeX', query: { spinMs: '500' } }),
      functionUrlEvent({ token: REQUEST_TOKEN, query: { spinIncrements: '1000' } }),
      functionUrlEvent({ token: REQUEST_TOKEN, query: { spinMs: '20' }, body: binary, binary: true }),
      functionUrlEvent({ token: REQUEST_TOKEN, body: Buffer.from('héllo', 'utf8') }),
    ]);
    expect(out.map((i) => i.result.statusCode)).toEqual([401, 401, 200, 200, 200]);
    expect(body(out[0])).toEqual({ error: 'unauthorized', message: 'missing or wrong x-faasbench-token' });
    expect(out[0]!.ms).toBeLessThan(250);
    for (const i of out) expect(i.result.headers).toEqual({ 'content-type': 'application/json' });

    // The two refusals came first: the environment's cold start was theirs.
    const [first, warm, text] = [body(out[2]), body(out[3]), body(out[4])];
    expect(Object.keys(first).sort()).toEqual(CONTRACT_FIELDS);
    expect(first).toMatchObject({
      coldStart: false, refusedBeforeFirst: 2, invocationCount: 1, spinIncrements: 1000, spinCapped: false, payloadBytes: 0,
      vendor: 'aws', region: 'eu-central-1', memoryMb: 512, requestId: 'req-2',
    });
    expect(String(first['runtime'])).toBe(`nodejs ${process.version}`);
    expect(warm).toMatchObject({ instanceId: first['instanceId'], coldStart: false, refusedBeforeFirst: 2, invocationCount: 2, payloadBytes: 1000, requestId: 'req-3' });
    expect(Number(warm['serviceTimeMs'])).toBeGreaterThanOrEqual(20);
    expect(text).toMatchObject({ instanceId: first['instanceId'], invocationCount: 3, payloadBytes: 6 });
  });

  test('an accepted first request is the cold start; the instance started with the runtime process and ended init at load', async () => {
    const { times, invocations } = await run(
      [functionUrlEvent({ token: REQUEST_TOKEN }), functionUrlEvent({ token: REQUEST_TOKEN })],
      { beforeImportMs: 300, beforeFirstEventMs: 400 },
    );
    const [cold, warm] = invocations.map(body);
    expect(cold).toMatchObject({ coldStart: true, refusedBeforeFirst: 0, invocationCount: 1 });
    expect(warm).toMatchObject({ coldStart: false, refusedBeforeFirst: 0, invocationCount: 2, initEndedAt: cold!['initEndedAt'] });
    // instanceStartedAt is the process's own time origin; the init ended while the bundle loaded.
    expect(cold!['instanceStartedAt']).toBe(times.timeOrigin);
    const [startedAt, initEndedAt, handlerStartedAt, handlerEndedAt] = instantsOf(cold!);
    expect(initEndedAt).toBeGreaterThanOrEqual(times.importStartedAt);
    expect(initEndedAt).toBeLessThanOrEqual(times.importEndedAt);
    // The runtime waited 300 ms before loading the function, and the loaded function 400 ms for its request.
    expect(initEndedAt! - startedAt!).toBeGreaterThanOrEqual(300);
    expect(handlerStartedAt! - initEndedAt!).toBeGreaterThanOrEqual(400);
    expect(handlerEndedAt).toBeGreaterThanOrEqual(handlerStartedAt!);
  });

  test('a refused bad request (400) also takes the cold start', async () => {
    const out = await invoke([functionUrlEvent({ token: REQUEST_TOKEN, query: { spinMs: '-1' } }), functionUrlEvent({ token: REQUEST_TOKEN })]);
    expect(out.map((i) => i.result.statusCode)).toEqual([400, 200]);
    expect(Object.keys(body(out[0])).sort()).toEqual(['error', 'message']);
    expect(body(out[1])).toMatchObject({ coldStart: false, refusedBeforeFirst: 1, invocationCount: 1 });
  });

  test('a payload over the limit is refused with 413', async () => {
    const [tooBig] = await invoke([
      functionUrlEvent({ token: REQUEST_TOKEN, body: Buffer.alloc(4 * 1024 * 1024 + 1), binary: true }),
    ]);
    expect(tooBig?.result.statusCode).toBe(413);
  });
});

describe('body bytes from a Function URL event', () => {
  test.each([0, 1, 2, 3, 4, 5, 1000])('%i bytes, base64 or text, counted as sent', (n) => {
    const sent = Buffer.alloc(n, 0xab);
    expect(bodyBytes(functionUrlEvent({ body: sent, binary: true }))).toBe(n);
    expect(bodyBytes(functionUrlEvent({ body: Buffer.alloc(n, 0x61) }))).toBe(n);
  });

  test('no body is zero bytes', () => {
    expect(bodyBytes(functionUrlEvent())).toBe(0);
  });
});
