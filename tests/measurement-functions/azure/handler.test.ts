import { afterEach, describe, expect, test } from '@jest/globals';
import { HttpRequest, HttpResponse, type HttpResponseInit, InvocationContext } from '@azure/functions';
import { type CoreConfig, createMeasurementInstance, type MeasurementResponse } from '../../../measurement-functions/core/index.js';
import { azureConfigFromEnv, createAzureHandler } from '../../../measurement-functions/azure/index.js';
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
    expect(Object.keys(first).sort()).toEqual(
      [
        'instanceId', 'coldStart', 'invocationCount', 'instanceStartedAt', 'handlerStartedAt', 'handlerEndedAt', 'serviceTimeMs',
        'spinIncrements', 'spinCapped', 'payloadBytes', 'vendor', 'runtime', 'region', 'memoryMb', 'requestId',
      ].sort(),
    );
    expect(first).toMatchObject({ coldStart: true, invocationCount: 1, spinIncrements: 5000, spinCapped: false, vendor: 'azure', region: 'westeurope', memoryMb: 1536, requestId: 'inv-1' });
    expect(first.runtime).toBe(`nodejs ${process.version}`);
    expect(first.handlerEndedAt).toBeGreaterThanOrEqual(first.handlerStartedAt);
    expect(first.handlerStartedAt).toBeGreaterThanOrEqual(first.instanceStartedAt);
    expect(typeof first.serviceTimeMs).toBe('number');

    expect(warm.body).toMatchObject({ coldStart: false, invocationCount: 2, instanceId: first.instanceId, instanceStartedAt: first.instanceStartedAt, requestId: 'inv-2' });
  });

  test('refuses a request without the token with 401, before reading its body or counting it', async () => {
    const handler = createAzureHandler(createMeasurementInstance(), config);
    for (const token of [undefined, 'wrong-token']) {
      // A malformed spin would be a 400 if anything were looked at before the token.
      const refused = request({ token, body: 'x'.repeat(100), query: { spinMs: 'not-a-number' } });
      const reply = await answer(await handler(refused, context('inv-refused')));
      expect(reply).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
      expect(refused.bodyUsed).toBe(false);
    }
    const first = await answer(await handler(request({ token: TOKEN }), context('inv-1')));
    expect(first.body).toMatchObject({ coldStart: true, invocationCount: 1 });
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

  test('is one instance made at load, configured from the app settings', async () => {
    Object.assign(process.env, APP_ENV, { REGION_NAME: 'North Europe' });
    const { measure } = await import('../../../measurement-functions/azure/measure.js');
    const cold = await answer(await measure(request({ token: TOKEN }), context('m-1')));
    const warm = await answer(await measure(request({ token: TOKEN }), context('m-2')));
    expect(cold.body).toMatchObject({ coldStart: true, region: 'North Europe', requestId: 'm-1' });
    expect(warm.body).toMatchObject({ coldStart: false, instanceId: cold.body['instanceId'], requestId: 'm-2' });
  });
});
