import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pythonRecipe } from '../../../infra/aws/index.js';
import { functionUrlEvent, LAMBDA_ENV, REQUEST_TOKEN } from './function-url-events.js';

/**
 * Imports lambda_function from the files exactly as packaged, in a fresh interpreter (a new
 * execution environment), and calls the handler once per event with a Lambda-like context.
 */
const DRIVER = `
import json, sys, time
import lambda_function

class Context:
    def __init__(self, i):
        self.aws_request_id = "req-%d" % i
        self.function_name = "fb-test-adapter-abcd-s0-r0"
        self.memory_limit_in_mb = "512"
        self.invoked_function_arn = "arn:aws:lambda:eu-central-1:123456789012:function:" + self.function_name
    def get_remaining_time_in_millis(self):
        return 90000

out = []
for i, event in enumerate(json.load(open("events.json"))):
    started = time.perf_counter()
    result = lambda_function.handler(event, Context(i))
    out.append({"result": result, "ms": (time.perf_counter() - started) * 1000})
print(json.dumps(out))
`;

interface Invocation {
  readonly result: { statusCode: number; headers: Record<string, string>; body: string };
  readonly ms: number;
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-aws-python-'));
  for (const file of await pythonRecipe.files()) await writeFile(path.join(dir, file.name), file.content);
  await writeFile(path.join(dir, 'driver.py'), DRIVER);
});

afterAll(async () => rm(dir, { recursive: true, force: true }));

async function invoke(events: readonly Record<string, unknown>[]): Promise<Invocation[]> {
  await writeFile(path.join(dir, 'events.json'), JSON.stringify(events));
  const env = { PATH: process.env['PATH'], ...LAMBDA_ENV, FAASBENCH_RUNTIME: 'python3.12' };
  return new Promise((resolve, reject) => {
    execFile('python3', ['driver.py'], { cwd: dir, env, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as Invocation[]);
    });
  });
}

const body = (i: Invocation | undefined): Record<string, unknown> => JSON.parse(i?.result.body ?? 'null') as Record<string, unknown>;

describe('the packaged Python adapter behind a Function URL', () => {
  test('refuses a request without the token before any work, then serves cold and warm', async () => {
    const out = await invoke([
      functionUrlEvent({ query: { spinMs: '500' } }),
      functionUrlEvent({ token: REQUEST_TOKEN, query: { spinIncrements: '1000' } }),
      functionUrlEvent({ token: REQUEST_TOKEN, query: { spinMs: '20' }, body: Buffer.alloc(1001, 7), binary: true }),
      functionUrlEvent({ token: REQUEST_TOKEN, body: Buffer.from('héllo', 'utf8') }),
    ]);
    expect(out.map((i) => i.result.statusCode)).toEqual([401, 200, 200, 200]);
    expect(body(out[0])).toEqual({ error: 'unauthorized', message: 'missing or wrong x-faasbench-token' });
    expect(out[0]!.ms).toBeLessThan(250);
    for (const i of out) expect(i.result.headers).toEqual({ 'content-type': 'application/json' });

    const [cold, warm, text] = [body(out[1]), body(out[2]), body(out[3])];
    expect(Object.keys(cold).sort()).toEqual(
      ['coldStart', 'handlerEndedAt', 'handlerStartedAt', 'instanceId', 'instanceStartedAt', 'invocationCount', 'memoryMb', 'payloadBytes',
        'region', 'requestId', 'runtime', 'serviceTimeMs', 'spinCapped', 'spinIncrements', 'vendor'].sort(),
    );
    expect(cold).toMatchObject({
      coldStart: true, invocationCount: 1, spinIncrements: 1000, spinCapped: false, payloadBytes: 0,
      vendor: 'aws', region: 'eu-central-1', memoryMb: 512, requestId: 'req-1',
    });
    expect(String(cold['runtime'])).toMatch(/^python 3\.\d+\.\d+$/);
    expect(warm).toMatchObject({ instanceId: cold['instanceId'], coldStart: false, invocationCount: 2, payloadBytes: 1001, requestId: 'req-2' });
    expect(Number(warm['serviceTimeMs'])).toBeGreaterThanOrEqual(20);
    expect(text).toMatchObject({ invocationCount: 3, payloadBytes: 6 });
  });
});
