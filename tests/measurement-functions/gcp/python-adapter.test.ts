import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { pythonRecipe } from '../../../infra/gcp/recipes.js';
import { CONTRACT_FIELDS, instantsOf } from '../contract-fields.js';
import { deployedPackage, FUNCTION_ENV, TOKEN } from './deployed-package.js';

/**
 * main.py from the deployed package, called the way the Functions Framework calls it, with a
 * stand-in for the Flask request that has only what main.py may use: headers.get (case-
 * insensitive, as Flask's), args.get and get_data. Anything else main.py touched would raise.
 */
const HARNESS = `
import json, sys
import main

class Headers:
    __slots__ = ("_values",)
    def __init__(self, values):
        self._values = {k.lower(): v for k, v in values.items()}
    def get(self, name, default=None):
        return self._values.get(name.lower(), default)

class Request:
    __slots__ = ("headers", "args", "_data", "body_read")
    def __init__(self, headers, args, data):
        self.headers = Headers(headers)
        self.args = dict(args)
        self._data = data
        self.body_read = False
    def get_data(self):
        self.body_read = True
        return self._data

out = []
for call in json.loads(sys.argv[1]):
    request = Request(call.get("headers", {}), call.get("args", {}), call.get("data", "").encode())
    body, status, headers = main.measure(request)
    out.append({"status": status, "headers": headers, "body": json.loads(body), "bodyRead": request.body_read})
print(json.dumps(out))
`;

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown>;
  /** Whether main.py asked for the request body. */
  readonly bodyRead: boolean;
}

let pkg: Awaited<ReturnType<typeof deployedPackage>>;

beforeAll(async () => {
  pkg = await deployedPackage(pythonRecipe, 0);
});

afterAll(async () => pkg?.remove());

function measure(calls: readonly Record<string, unknown>[]): Promise<Reply[]> {
  return new Promise((resolve, reject) => {
    execFile(
      'python3',
      ['-c', HARNESS, JSON.stringify(calls)],
      { cwd: pkg.dir, env: { PATH: process.env['PATH'], ...FUNCTION_ENV, FAASBENCH_RUNTIME: 'python3.12' }, timeout: 20_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as Reply[])),
    );
  });
}

describe('the gcp Python adapter (main.py)', () => {
  test('401 without the token before any work, not even reading the body; the refusals take the cold start', async () => {
    const token = { 'X-Faasbench-Token': TOKEN };
    const [missing, wrong, cold, warm] = await measure([
      { args: { spinMs: '500' }, data: 'x'.repeat(5000) },
      { headers: { 'x-faasbench-token': 'nope' }, args: { spinMs: '500' } },
      { headers: { ...token, 'Function-Execution-Id': 'exec-7' }, args: { spinIncrements: '1000' } },
      { headers: { ...token, 'X-Cloud-Trace-Context': 'abc123/9;o=1' }, args: { spinMs: '15' }, data: 'x'.repeat(100) },
    ]);
    expect(missing).toEqual({
      status: 401, headers: { 'Content-Type': 'application/json' }, body: { error: 'unauthorized', message: 'missing or wrong x-faasbench-token' }, bodyRead: false,
    });
    expect(wrong).toMatchObject({ status: 401, bodyRead: false });

    expect(cold?.status).toBe(200);
    expect(Object.keys(cold?.body ?? {}).sort()).toEqual(CONTRACT_FIELDS);
    expect(cold?.body).toMatchObject({
      coldStart: false,
      refusedBeforeFirst: 2,
      invocationCount: 1,
      spinIncrements: 1000,
      payloadBytes: 0,
      vendor: 'gcp',
      region: 'europe-west1',
      memoryMb: 256,
      requestId: 'exec-7',
    });
    expect(String(cold?.body['runtime'])).toMatch(/^python 3\./);

    expect(warm?.body).toMatchObject({ coldStart: false, refusedBeforeFirst: 2, invocationCount: 2, instanceId: cold?.body['instanceId'], payloadBytes: 100, requestId: 'abc123' });
    expect(warm?.body['serviceTimeMs']).toBeGreaterThanOrEqual(15);
  });

  test('no platform id gives a null request id; too large a payload is refused', async () => {
    const token = { 'x-faasbench-token': TOKEN };
    const [plain, tooLarge] = await measure([{ headers: token }, { headers: token, data: 'x'.repeat(4097) }]);
    expect(plain?.body['requestId']).toBeNull();
    expect(tooLarge).toMatchObject({ status: 413, body: { error: 'payload-too-large' } });
  });

  test('an accepted first request is the cold start; process start, init end and handler times in order', async () => {
    const [cold, warm] = await measure([{ headers: { 'x-faasbench-token': TOKEN } }, { headers: { 'x-faasbench-token': TOKEN } }]);
    expect(cold?.body).toMatchObject({ coldStart: true, refusedBeforeFirst: 0, invocationCount: 1 });
    expect(warm?.body).toMatchObject({ coldStart: false, refusedBeforeFirst: 0, invocationCount: 2, instanceStartedAt: cold?.body['instanceStartedAt'] });
    const instants = instantsOf(cold!.body);
    expect(instants.every(Number.isFinite)).toBe(true);
    expect(instants).toEqual([...instants].sort((a, b) => a - b));
    // The interpreter's start, from /proc: before main.py was imported, by at least Python's own start-up.
    expect(instants[1]! - instants[0]!).toBeGreaterThan(0);
  });
});
