import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pythonRecipe } from '../../../infra/aws/index.js';
import { CONTRACT_FIELDS, instantsOf } from '../contract-fields.js';
import { functionUrlEvent, LAMBDA_ENV, REQUEST_TOKEN } from './function-url-events.js';

/**
 * Imports lambda_function from the files exactly as packaged, in a fresh interpreter (a new
 * execution environment), and calls the handler once per event with a Lambda-like context. It
 * waits `before_import_ms` before the import and `before_first_event_ms` after it.
 */
const DRIVER = `
import json, sys, time
setup = json.load(open("events.json"))
time.sleep(setup["before_import_ms"] / 1000)
import_started_at = time.time_ns() / 1e6
import lambda_function
import_ended_at = time.time_ns() / 1e6
time.sleep(setup["before_first_event_ms"] / 1000)

class Context:
    def __init__(self, i):
        self.aws_request_id = "req-%d" % i
        self.function_name = "fb-test-adapter-abcd-s0-r0"
        self.memory_limit_in_mb = "512"
        self.invoked_function_arn = "arn:aws:lambda:eu-central-1:123456789012:function:" + self.function_name
    def get_remaining_time_in_millis(self):
        return 90000

out = []
for i, event in enumerate(setup["events"]):
    started = time.perf_counter()
    result = lambda_function.handler(event, Context(i))
    out.append({"result": result, "ms": (time.perf_counter() - started) * 1000})
print(json.dumps({"times": {"importStartedAt": import_started_at, "importEndedAt": import_ended_at}, "invocations": out}))
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

interface Run {
  /** When the test asked for the process, and the driver's own clock around its import (epoch ms). */
  readonly times: { spawnedAt: number; importStartedAt: number; importEndedAt: number };
  readonly invocations: Invocation[];
}

async function run(events: readonly Record<string, unknown>[], waits: { beforeImportMs?: number; beforeFirstEventMs?: number } = {}): Promise<Run> {
  await writeFile(
    path.join(dir, 'events.json'),
    JSON.stringify({ events, before_import_ms: waits.beforeImportMs ?? 0, before_first_event_ms: waits.beforeFirstEventMs ?? 0 }),
  );
  const env = { PATH: process.env['PATH'], ...LAMBDA_ENV, FAASBENCH_RUNTIME: 'python3.12' };
  const spawnedAt = Date.now();
  return new Promise((resolve, reject) => {
    execFile('python3', ['driver.py'], { cwd: dir, env, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${error.message}\n${stderr}`));
      const out = JSON.parse(stdout) as { times: Omit<Run['times'], 'spawnedAt'>; invocations: Invocation[] };
      resolve({ times: { spawnedAt, ...out.times }, invocations: out.invocations });
    });
  });
}

const invoke = async (events: readonly Record<string, unknown>[]): Promise<Invocation[]> => (await run(events)).invocations;

const body = (i: Invocation | undefined): Record<string, unknown> => JSON.parse(i?.result.body ?? 'null') as Record<string, unknown>;

describe('the packaged Python adapter behind a Function URL', () => {
  test('refuses a request without the token before any work; the refusal takes the cold start', async () => {
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

    const [first, warm, text] = [body(out[1]), body(out[2]), body(out[3])];
    expect(Object.keys(first).sort()).toEqual(CONTRACT_FIELDS);
    expect(first).toMatchObject({
      coldStart: false, refusedBeforeFirst: 1, invocationCount: 1, spinIncrements: 1000, spinCapped: false, payloadBytes: 0,
      vendor: 'aws', region: 'eu-central-1', memoryMb: 512, requestId: 'req-1',
    });
    expect(String(first['runtime'])).toMatch(/^python 3\.\d+\.\d+$/);
    expect(warm).toMatchObject({ instanceId: first['instanceId'], coldStart: false, refusedBeforeFirst: 1, invocationCount: 2, payloadBytes: 1001, requestId: 'req-2' });
    expect(Number(warm['serviceTimeMs'])).toBeGreaterThanOrEqual(20);
    expect(text).toMatchObject({ invocationCount: 3, payloadBytes: 6 });
  });

  test('an accepted first request is the cold start; the instance started with the interpreter process', async () => {
    const { times, invocations } = await run(
      [functionUrlEvent({ token: REQUEST_TOKEN }), functionUrlEvent({ token: REQUEST_TOKEN, query: { spinMs: 'x' } }), functionUrlEvent({ token: REQUEST_TOKEN })],
      { beforeImportMs: 300, beforeFirstEventMs: 400 },
    );
    const [cold, refused, warm] = invocations.map(body);
    expect(cold).toMatchObject({ coldStart: true, refusedBeforeFirst: 0, invocationCount: 1 });
    expect(refused).toEqual({ error: 'bad-request', message: expect.any(String) });
    // A refusal after the first accepted request changes nothing.
    expect(warm).toMatchObject({ coldStart: false, refusedBeforeFirst: 0, invocationCount: 2, initEndedAt: cold!['initEndedAt'] });
    const [startedAt, initEndedAt, handlerStartedAt, handlerEndedAt] = instantsOf(cold!);
    // The process start from /proc, to the 10 ms clock tick: after the test asked for the process,
    // before the driver slept its 300 ms; init ended while lambda_function loaded.
    expect(startedAt).toBeGreaterThanOrEqual(times.spawnedAt - 20);
    expect(startedAt).toBeLessThanOrEqual(times.importStartedAt - 300);
    expect(initEndedAt).toBeGreaterThanOrEqual(times.importStartedAt);
    expect(initEndedAt).toBeLessThanOrEqual(times.importEndedAt);
    expect(handlerStartedAt! - initEndedAt!).toBeGreaterThanOrEqual(400);
    expect(handlerEndedAt).toBeGreaterThanOrEqual(handlerStartedAt!);
  });
});
