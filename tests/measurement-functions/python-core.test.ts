import { describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import path from 'node:path';

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
    expect(Object.keys(first?.body ?? {}).sort()).toEqual(
      ['coldStart', 'handlerEndedAt', 'handlerStartedAt', 'instanceId', 'instanceStartedAt', 'invocationCount', 'memoryMb', 'payloadBytes',
        'region', 'requestId', 'runtime', 'serviceTimeMs', 'spinCapped', 'spinIncrements', 'vendor'].sort(),
    );
    expect(first?.body).toMatchObject({ instanceId: 'inst-py', coldStart: true, invocationCount: 1, spinIncrements: 1000, spinCapped: false, vendor: 'aws', region: 'eu-west-1', memoryMb: 512, requestId: 'r-1' });
    expect(String(first?.body.runtime)).toMatch(/^python 3\./);
    expect(second?.body).toMatchObject({ coldStart: false, invocationCount: 2 });
  });

  test('no token, wrong token: 401 before any work, and not the cold start', async () => {
    const out = (await python(`${setup}\nprint(json.dumps([call(token=None, ms="150"), call(token="secret-token-012345678", ms="150"), call()]))`)) as { status: number; body: Record<string, unknown> }[];
    expect(out.map((o) => o.status)).toEqual([401, 401, 200]);
    expect(out[2]?.body).toMatchObject({ coldStart: true, invocationCount: 1 });
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
