import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { nodeRecipe } from '../../../infra/aws/index.js';
import { bodyBytes } from '../../../measurement-functions/aws/function-url-event.js';
import { functionUrlEvent, LAMBDA_ENV, REQUEST_TOKEN } from './function-url-events.js';

interface Invocation {
  readonly result: { statusCode: number; headers: Record<string, string>; body: string };
  readonly ms: number;
}

/**
 * Loads the bundle exactly as packaged (index.mjs) in a fresh Node process, as Lambda does in a
 * new execution environment, and invokes its handler once per event, in order.
 */
const DRIVER = `
import { readFile } from 'node:fs/promises';
const { handler } = await import('./index.mjs');
const events = JSON.parse(await readFile(new URL('./events.json', import.meta.url), 'utf8'));
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
process.stdout.write(JSON.stringify(out));
`;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-aws-node-'));
  const [bundle] = await nodeRecipe.files();
  await writeFile(path.join(dir, 'index.mjs'), bundle!.content);
  await writeFile(path.join(dir, 'driver.mjs'), DRIVER);
});

afterAll(async () => rm(dir, { recursive: true, force: true }));

function invoke(events: readonly Record<string, unknown>[]): Promise<Invocation[]> {
  return writeFile(path.join(dir, 'events.json'), JSON.stringify(events)).then(
    () =>
      new Promise((resolve, reject) => {
        execFile('node', ['driver.mjs'], { cwd: dir, env: { PATH: process.env['PATH'], ...LAMBDA_ENV }, timeout: 20_000 }, (error, stdout, stderr) => {
          if (error) reject(new Error(`${error.message}\n${stderr}`));
          else resolve(JSON.parse(stdout) as Invocation[]);
        });
      }),
  );
}

const body = (i: Invocation | undefined): Record<string, unknown> => JSON.parse(i?.result.body ?? 'null') as Record<string, unknown>;

describe('the bundled Node adapter behind a Function URL', () => {
  test('refuses a request without the token before any work, then serves cold and warm', async () => {
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

    const [cold, warm, text] = [body(out[2]), body(out[3]), body(out[4])];
    expect(Object.keys(cold).sort()).toEqual(
      ['coldStart', 'handlerEndedAt', 'handlerStartedAt', 'instanceId', 'instanceStartedAt', 'invocationCount', 'memoryMb', 'payloadBytes',
        'region', 'requestId', 'runtime', 'serviceTimeMs', 'spinCapped', 'spinIncrements', 'vendor'].sort(),
    );
    expect(cold).toMatchObject({
      coldStart: true, invocationCount: 1, spinIncrements: 1000, spinCapped: false, payloadBytes: 0,
      vendor: 'aws', region: 'eu-central-1', memoryMb: 512, requestId: 'req-2',
    });
    expect(String(cold['runtime'])).toBe(`nodejs ${process.version}`);
    expect(warm).toMatchObject({ instanceId: cold['instanceId'], coldStart: false, invocationCount: 2, payloadBytes: 1000, requestId: 'req-3' });
    expect(Number(warm['serviceTimeMs'])).toBeGreaterThanOrEqual(20);
    expect(text).toMatchObject({ instanceId: cold['instanceId'], invocationCount: 3, payloadBytes: 6 });
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
