import { describe, expect, test } from '@jest/globals';
import { createWorker } from '../../../measurement-functions/cloudflare/handler.js';
import { ENV, TOKEN_HEADER } from '../../../measurement-functions/core/index.js';

/**
 * The handler's own decisions, with Node's standard Request (no workerd): what it does when there
 * is no Cloudflare request metadata, and which bodies it never reads. worker.test.ts runs the
 * bundled Worker in workerd.
 */

const TOKEN = 'cloudflare-handler-test-token-0123';
const env = {
  [ENV.token]: TOKEN,
  [ENV.vendor]: 'cloudflare',
  [ENV.region]: 'global',
  [ENV.runtime]: 'workerd',
  [ENV.memoryMb]: '128',
  [ENV.maxSpinMs]: '30000',
  [ENV.maxPayloadBytes]: '100',
};

const request = (token: string | null, body?: Uint8Array) =>
  new Request('https://fb.example.workers.dev/?spinIncrements=10', {
    method: body === undefined ? 'GET' : 'POST',
    headers: token === null ? {} : { [TOKEN_HEADER]: token },
    body,
  });

describe('the Cloudflare handler', () => {
  test('reports FAASBENCH_REGION when the request has no colo, and no request id without cf-ray', async () => {
    const response = await createWorker().fetch(request(TOKEN), env);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ region: 'global', requestId: null, coldStart: true, refusedBeforeFirst: 0, spinIncrements: 10 });
  });

  test("makes its instance on the isolate's first request, refused or not, with no init end", async () => {
    const worker = createWorker();
    const before = Date.now();
    expect((await worker.fetch(request('wrong'), env)).status).toBe(401);
    const after = Date.now();
    const body = (await (await worker.fetch(request(TOKEN), env)).json()) as Record<string, number | null>;
    expect(body).toMatchObject({ coldStart: false, refusedBeforeFirst: 1, invocationCount: 1, initEndedAt: null });
    expect(body['instanceStartedAt']).toBeGreaterThanOrEqual(before);
    expect(body['instanceStartedAt']).toBeLessThanOrEqual(after + 1);
  });

  test('never reads the body of a request without the token', async () => {
    const refused = request(null, new Uint8Array(50));
    const response = await createWorker().fetch(refused, env);
    expect(response.status).toBe(401);
    expect(refused.bodyUsed).toBe(false);
  });

  test('stops reading a body once it is over the cap, and refuses it with 413', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(64));
      },
    });
    const incoming = new Request('https://fb.example.workers.dev/', {
      method: 'POST',
      headers: { [TOKEN_HEADER]: TOKEN },
      body: endless,
      duplex: 'half',
    } as RequestInit);
    const response = await createWorker().fetch(incoming, env);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'payload-too-large' });
    expect(pulled).toBeLessThan(5);
  });

  test('throws, naming the binding, when a setting is missing', async () => {
    const { [ENV.maxSpinMs]: _dropped, ...incomplete } = env;
    await expect(createWorker().fetch(request(TOKEN), incomplete)).rejects.toThrow('FAASBENCH_MAX_SPIN_MS is not set');
  });
});
