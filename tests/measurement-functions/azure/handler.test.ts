import { afterEach, describe, expect, test } from '@jest/globals';
import { HttpRequest, HttpResponse, type HttpResponseInit, InvocationContext } from '@azure/functions';
import { type CoreConfig, createMeasurementInstance, type MeasurementResponse } from '../../../measurement-functions/core/index.js';
import { azureConfigFromEnv, createAzureHandler } from '../../../measurement-functions/azure/index.js';
import { CONTRACT_FIELDS } from '../contract-fields.js';
import { APP_ENV, TOKEN } from './fixtures.js';

const URL_BASE = 'https://fb-test-app.azurewebsites.net/api/measure';

const config: CoreConfig = azureConfigFromEnv(APP_ENV);

/** A request as the library builds it from the host's RPC data. */
function request(options: { method?: string; token?: string; query?: Record<string, string>; body?: string | Buffer } = {}): HttpRequest {
  const method = options.method ?? 'POST';
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? { string: options.body } : { bytes: options.body };
  return new HttpRequest({
    method,
    url: `${URL_BASE}?${new URLSearchParams(options.query ?? {}).toString()}`,
    headers: options.token === undefined ? {} : { 'x-faasbench-token': options.token },
    query: options.query ?? {},
    body,
  });
}

const context = (invocationId: string) => new InvocationContext({ invocationId, functionName: 'measure' });

/** The response as the library turns the handler's result into the HTTP answer. */
async function answer(init: HttpResponseInit): Promise<{ status: number; contentType: string | null; body: Record<string, unknown> }> {
  const response = new HttpResponse(init);
  return { status: response.status, contentType: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> };
}

describe('the Azure handler, called with @azure/functions objects', () => {
  test('answers the full contract: cold first, then warm on the same instance', async () => {
    const handler = createAzureHandler(createMeasurementInstance(), config);
    const cold = await answer(await handler(request({ token: TOKEN, query: { spinIncrements: '5000' } }), context('inv-1')));
    const warm = await answer(await handler(request({ token: TOKEN }), context('inv-2')));

    expect(cold.status).toBe(200);
    expect(cold.contentType).toMatch(/^application\/json/);
    const first = cold.body as unknown as MeasurementResponse;
    expect(Object.keys(first).sort()).toEqual(CONTRACT_FIELDS);
    expect(first).toMatchObject({ coldStart: true, refusedBeforeFirst: 0, invocationCount: 1, spinIncrements: 5000, spinCapped: false, vendor: 'azure', region: 'westeurope', memoryMb: 1536, requestId: 'inv-1' });
    expect(first.runtime).toBe(`nodejs ${process.version}`);
    expect(first.handlerEndedAt).toBeGreaterThanOrEqual(first.handlerStartedAt);
    expect(first.handlerStartedAt).toBeGreaterThanOrEqual(first.initEndedAt!);
    expect(first.initEndedAt).toBeGreaterThanOrEqual(first.instanceStartedAt);
    expect(typeof first.serviceTimeMs).toBe('number');

    expect(warm.body).toMatchObject({ coldStart: false, invocationCount: 2, instanceId: first.instanceId, instanceStartedAt: first.instanceStartedAt, requestId: 'inv-2' });
  });

  test('refuses a request without the token with 401, before reading its body; the refusals take the cold start', async () => {
    const handler = createAzureHandler(createMeasurementInstance(), config);
    for (const token of [undefined, 'wrong-token']) {
      // A malformed spin would be a 400 if anything were looked at before the token.
      const refused = request({ token, body: 'x'.repeat(100), query: { spinMs: 'not-a-number' } });
      const reply = await answer(await handler(refused, context('inv-refused')));
      expect(reply).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
      expect(refused.bodyUsed).toBe(false);
    }
    const first = await answer(await handler(request({ token: TOKEN }), context('inv-1')));
    expect(first.body).toMatchObject({ coldStart: false, refusedBeforeFirst: 2, invocationCount: 1 });
  });

  test('a core refusal (bad spin) before the first accepted request takes the cold start too', async () => {
    const handler = createAzureHandler(createMeasurementInstance(), config);
    expect((await answer(await handler(request({ token: TOKEN, query: { spinMs: 'x' } }), context('a')))).status).toBe(400);
    const first = await answer(await handler(request({ token: TOKEN }), context('b')));
    expect(first.body).toMatchObject({ coldStart: false, refusedBeforeFirst: 1, invocationCount: 1 });
  });

  test('counts the payload bytes of the body, text or binary; GET has none', async () => {
    const handler = createAzureHandler(createMeasurementInstance(), config);
    const text = await answer(await handler(request({ token: TOKEN, body: 'é'.repeat(10) }), context('a')));
    const binary = await answer(await handler(request({ token: TOKEN, body: Buffer.alloc(1234, 7) }), context('b')));
    const get = await answer(await handler(request({ method: 'GET', token: TOKEN }), context('c')));
    expect([text.body['payloadBytes'], binary.body['payloadBytes'], get.body['payloadBytes']]).toEqual([20, 1234, 0]);
  });

  test('passes the core refusals through: payload too large, bad spin', async () => {
    const handler = createAzureHandler(createMeasurementInstance(), config);
    const large = await answer(await handler(request({ token: TOKEN, body: Buffer.alloc(4097) }), context('a')));
    const both = await answer(await handler(request({ token: TOKEN, query: { spinMs: '1', spinIncrements: '1' } }), context('b')));
    const capped = await answer(await handler(request({ token: TOKEN, query: { spinMs: '5000' } }), context('c')));
    expect([large.status, both.status, capped.status]).toEqual([413, 400, 400]);
  });

  test('spins for spinMs, measured inside the function', async () => {
    const handler = createAzureHandler(createMeasurementInstance(), config);
    const reply = await answer(await handler(request({ token: TOKEN, query: { spinMs: '30' } }), context('a')));
    expect(reply.body['serviceTimeMs']).toBeGreaterThanOrEqual(30);
  });

  test("the region is Azure's REGION_NAME when set, else the deploy's location", () => {
    expect(azureConfigFromEnv({ ...APP_ENV, REGION_NAME: 'West Europe' }).region).toBe('West Europe');
    expect(azureConfigFromEnv({ ...APP_ENV, REGION_NAME: '' }).region).toBe('westeurope');
    expect(azureConfigFromEnv(APP_ENV)).toMatchObject({ region: 'westeurope', vendor: 'azure', runtime: 'nodejs22', memoryMb: 1536, token: TOKEN, maxSpinMs: 1000, maxPayloadBytes: 4096 });
    expect(() => azureConfigFromEnv({ ...APP_ENV, FAASBENCH_TOKEN: undefined })).toThrow('FAASBENCH_TOKEN is not set');
  });
});

describe('the module-level handler', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  test('is one instance made at load, configured from the app settings; it started when the app began loading', async () => {
    Object.assign(process.env, APP_ENV, { REGION_NAME: 'North Europe' });
    const importStartedAt = performance.timeOrigin + performance.now();
    const { measure } = await import('../../../measurement-functions/azure/measure.js');
    const importEndedAt = performance.timeOrigin + performance.now();
    const { appLoadStartedAtMs } = await import('../../../measurement-functions/azure/load-start.js');
    const cold = await answer(await measure(request({ token: TOKEN }), context('m-1')));
    const warm = await answer(await measure(request({ token: TOKEN }), context('m-2')));
    expect(cold.body).toMatchObject({ coldStart: true, refusedBeforeFirst: 0, region: 'North Europe', requestId: 'm-1' });
    expect(warm.body).toMatchObject({ coldStart: false, instanceId: cold.body['instanceId'], requestId: 'm-2' });
    // Not the worker process's start (which may predate the app): the start of loading the app.
    expect(cold.body['instanceStartedAt']).toBe(appLoadStartedAtMs);
    expect(cold.body['instanceStartedAt']).not.toBe(performance.timeOrigin);
    for (const at of [cold.body['instanceStartedAt'], cold.body['initEndedAt']] as number[]) {
      expect(at).toBeGreaterThanOrEqual(importStartedAt);
      expect(at).toBeLessThanOrEqual(importEndedAt);
    }
    expect(cold.body['initEndedAt'] as number).toBeGreaterThanOrEqual(cold.body['instanceStartedAt'] as number);
  });
});
