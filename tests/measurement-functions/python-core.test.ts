import { describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { CONTRACT_FIELDS } from './contract-fields.js';

const CORE_DIR = path.resolve('measurement-functions/python');

/** Runs a Python snippet with the core importable and returns its JSON output. */
function python(code: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile('python3', ['-c', code], { env: { ...process.env, PYTHONPATH: CORE_DIR }, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout));
    });
  });
}

const setup = `
import json, faasbench_core as core
config = core.Config(vendor="aws", runtime="python3.12", region="eu-west-1", memory_mb=512,
                     token="secret-token-0123456789", max_spin_ms=200, max_payload_bytes=100)
instance = core.Instance(random_id=lambda: "inst-py")
def call(token="secret-token-0123456789", inc=None, ms=None, payload=0, rid="r-1"):
    status, body = instance.invoke(config, token, inc, ms, payload, rid)
    return {"status": status, "body": body}
`;

describe('the Python measurement core', () => {
  test('cold then warm, with every field of the contract', async () => {
    const out = (await python(`${setup}\nprint(json.dumps([call(inc="1000"), call()]))`)) as { status: number; body: Record<string, unknown> }[];
    const [first, second] = out;
    expect(first?.status).toBe(200);
    expect(Object.keys(first?.body ?? {}).sort()).toEqual(CONTRACT_FIELDS);
    expect(first?.body).toMatchObject({ instanceId: 'inst-py', coldStart: true, refusedBeforeFirst: 0, invocationCount: 1, spinIncrements: 1000, spinCapped: false, vendor: 'aws', region: 'eu-west-1', memoryMb: 512, requestId: 'r-1' });
    expect(String(first?.body.runtime)).toMatch(/^python 3\./);
    expect(second?.body).toMatchObject({ coldStart: false, invocationCount: 2 });
  });

  test('no token, wrong token: 401 before any work, with the small body; they take the cold start', async () => {
    const out = (await python(`${setup}\nprint(json.dumps([call(token=None, ms="150"), call(token="secret-token-012345678", ms="150"), call(), call(token="x"), call()]))`)) as { status: number; body: Record<string, unknown> }[];
    expect(out.map((o) => o.status)).toEqual([401, 401, 200, 401, 200]);
    expect(out[0]?.body).toEqual({ error: 'unauthorized', message: 'missing or wrong x-faasbench-token' });
    expect(out[2]?.body).toMatchObject({ coldStart: false, refusedBeforeFirst: 2, invocationCount: 1 });
    // Refusals after the first accepted request are not counted.
    expect(out[4]?.body).toMatchObject({ coldStart: false, refusedBeforeFirst: 2, invocationCount: 2 });
  });

  test.each([
    ['a bad spin (400)', 'call(inc="-1")', 400],
    ['too large a payload (413)', 'call(payload=101)', 413],
  ])('%s counts as the first request too', async (_label, refused, status) => {
    const out = (await python(`${setup}\nprint(json.dumps([${refused}, call()]))`)) as { status: number; body: Record<string, unknown> }[];
    expect(out.map((o) => o.status)).toEqual([status, 200]);
    expect(out[1]?.body).toMatchObject({ coldStart: false, refusedBeforeFirst: 1, invocationCount: 1 });
  });

  test('init timestamps: the process start from /proc, the init end when the Instance is made', async () => {
    const spawnedAt = Date.now();
    const out = (await python(`
import json, time
t0 = time.time_ns() / 1e6
time.sleep(0.3)
import faasbench_core as core
t1 = time.time_ns() / 1e6
instance = core.Instance()
t2 = time.time_ns() / 1e6
given = core.Instance(started_at_ms=1234.5)
print(json.dumps({"t0": t0, "t1": t1, "t2": t2, "started": instance.instance_started_at, "ended": instance.init_ended_at,
                  "process": core.process_started_at_ms(), "given": [given.instance_started_at, given.init_ended_at]}))`)) as {
      t0: number; t1: number; t2: number; started: number; ended: number; process: number; given: [number, number];
    };
    // To the 10 ms tick of /proc: after the test asked for the process, before the script's first line.
    expect(out.started).toBeGreaterThanOrEqual(spawnedAt - 20);
    expect(out.started).toBeLessThanOrEqual(out.t0);
    // Not the import time: the script slept 300 ms before importing the core.
    expect(out.t1 - out.started).toBeGreaterThanOrEqual(300);
    expect(out.ended).toBeGreaterThanOrEqual(out.t1);
    expect(out.ended).toBeLessThanOrEqual(out.t2);
    expect(Math.abs(out.process - out.started)).toBeLessThan(20);
    expect(out.given[0]).toBe(1234.5);
    expect(out.given[1]).toBeGreaterThanOrEqual(out.t2);
  });

  test('without /proc the instance started when the core was imported', async () => {
    const out = (await python(`
import builtins, json, time
real_open = builtins.open
def no_proc(path, *args, **kwargs):
    if str(path).startswith("/proc"):
        raise FileNotFoundError(path)
    return real_open(path, *args, **kwargs)
builtins.open = no_proc
time.sleep(0.2)
t0 = time.time_ns() / 1e6
import faasbench_core as core
t1 = time.time_ns() / 1e6
instance = core.Instance()
print(json.dumps({"t0": t0, "t1": t1, "process": core.process_started_at_ms(), "started": instance.instance_started_at}))`)) as Record<string, number | null>;
    expect(out['process']).toBeNull();
    expect(out['started']).toBeGreaterThanOrEqual(out['t0']!);
    expect(out['started']).toBeLessThanOrEqual(out['t1']!);
  });

  test('token_matches: exact tokens only, an empty configured token refuses everything', async () => {
    const out = await python(`import json, faasbench_core as core
print(json.dumps([core.token_matches("abc", "abc"), core.token_matches("abc", "abd"), core.token_matches("abc", "ab"), core.token_matches("abc", None), core.token_matches("", "")]))`);
    expect(out).toEqual([true, false, false, false, false]);
  });

  test('refusals and the spin cap', async () => {
    const out = (await python(`${setup}\nprint(json.dumps([call(ms="201"), call(inc="1.5"), call(inc="1", ms="1"), call(payload=101), call(ms="30"), call(inc="100000000000")]))`)) as { status: number; body: Record<string, unknown> }[];
    expect(out.slice(0, 4).map((o) => o.status)).toEqual([400, 400, 400, 413]);
    expect(out[4]?.body.serviceTimeMs).toBeGreaterThanOrEqual(30);
    expect(out[5]?.body).toMatchObject({ spinCapped: true });
  });

  test('config from the environment', async () => {
    const env = { FAASBENCH_TOKEN: 't', FAASBENCH_VENDOR: 'gcp', FAASBENCH_REGION: 'europe-west1', FAASBENCH_RUNTIME: 'python3.12', FAASBENCH_MEMORY_MB: '256', FAASBENCH_MAX_SPIN_MS: '1000', FAASBENCH_MAX_PAYLOAD_BYTES: '10' };
    const out = await python(`import json, faasbench_core as core\nc = core.config_from_env(${JSON.stringify(env)})\nprint(json.dumps(c.__dict__))`);
    expect(out).toEqual({ vendor: 'gcp', runtime: 'python3.12', region: 'europe-west1', memory_mb: 256, token: 't', max_spin_ms: 1000, max_payload_bytes: 10 });
  });
});
