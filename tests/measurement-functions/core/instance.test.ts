import { describe, expect, test } from '@jest/globals';
import {
  type CoreClock,
  type CoreConfig,
  type CoreRequest,
  createMeasurementInstance,
  MAX_SPIN_INCREMENTS,
  type MeasurementResponse,
} from '../../../measurement-functions/core/index.js';

const config: CoreConfig = {
  vendor: 'local',
  runtime: 'nodejs',
  region: 'local',
  memoryMb: 256,
  token: 'secret-token-0123456789',
  maxSpinMs: 50,
  maxPayloadBytes: 100,
  clockAdvances: true,
};

const request = (overrides: Partial<CoreRequest> = {}): CoreRequest => ({
  token: config.token,
  spinIncrements: undefined,
  spinMs: undefined,
  payloadBytes: 0,
  requestId: 'req-1',
  ...overrides,
});

/** A clock that moves 1 ms every time it is read, so spans are predictable. */
function steppingClock(startEpochMs = 1_000_000): CoreClock & { reads: number } {
  const clock = {
    reads: 0,
    epochMs: () => startEpochMs + clock.reads++,
    monotonicMs: () => clock.reads++,
  };
  return clock;
}

const ok = (reply: ReturnType<ReturnType<typeof createMeasurementInstance>['invoke']>): MeasurementResponse => {
  expect(reply.status).toBe(200);
  return reply.body as MeasurementResponse;
};

describe('measurement instance', () => {
  test('the first invocation is cold, later ones warm on the same instance', () => {
    const instance = createMeasurementInstance({ randomId: () => 'id-1' });
    const first = ok(instance.invoke(config, request()));
    const second = ok(instance.invoke(config, request({ requestId: null })));
    expect(first).toMatchObject({ instanceId: 'id-1', coldStart: true, invocationCount: 1, requestId: 'req-1' });
    expect(second).toMatchObject({ instanceId: 'id-1', coldStart: false, invocationCount: 2, requestId: null });
    expect(first.instanceStartedAt).toBe(instance.instanceStartedAt);
  });

  test('fills every field of the response', () => {
    const clock = steppingClock();
    const instance = createMeasurementInstance({ clock, randomId: () => 'id-2', runtimeLabel: 'nodejs v99' });
    const body = ok(instance.invoke(config, request({ spinIncrements: '10', payloadBytes: 7 })));
    expect(body).toEqual({
      instanceId: 'id-2',
      coldStart: true,
      invocationCount: 1,
      instanceStartedAt: 1_000_000,
      handlerStartedAt: 1_000_001,
      handlerEndedAt: expect.any(Number),
      serviceTimeMs: 1,
      spinIncrements: 10,
      spinCapped: false,
      payloadBytes: 7,
      vendor: 'local',
      runtime: 'nodejs v99',
      region: 'local',
      memoryMb: 256,
      requestId: 'req-1',
    });
    expect(body.handlerEndedAt).toBeGreaterThan(body.handlerStartedAt);
  });

  test('the runtime label is what the function sees by default', () => {
    const body = ok(createMeasurementInstance().invoke(config, request()));
    expect(body.runtime).toBe(`nodejs ${process.version}`);
    expect(body.instanceId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('a missing, wrong or unconfigured token is refused with 401 before anything else', () => {
    const instance = createMeasurementInstance();
    for (const token of [undefined, '', 'secret-token-012345678', 'secret-token-0123456789x', 'Secret-token-0123456789']) {
      // Bad parameters too: the token decides first.
      const reply = instance.invoke(config, request({ token, spinIncrements: 'nonsense', payloadBytes: 1e9 }));
      expect(reply).toEqual({ status: 401, body: { error: 'unauthorized', message: expect.any(String) } });
    }
    expect(instance.invoke({ ...config, token: '' }, request({ token: '' })).status).toBe(401);
    expect(ok(instance.invoke(config, request())).coldStart).toBe(true);
  });

  test.each([
    [{ spinIncrements: '1', spinMs: '1' }, /not both/],
    [{ spinIncrements: '-1' }, /whole number/],
    [{ spinIncrements: '1.5' }, /whole number/],
    [{ spinIncrements: '' }, /whole number/],
    [{ spinIncrements: String(MAX_SPIN_INCREMENTS * 10) }, /whole number/],
    [{ spinMs: 'abc' }, /non-negative/],
    [{ spinMs: '-3' }, /non-negative/],
    [{ spinMs: '51' }, /cap of 50/],
  ])('refuses %j with 400', (params, message) => {
    const reply = createMeasurementInstance().invoke(config, request(params));
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: 'bad-request', message: expect.stringMatching(message) });
  });

  test('a payload over the limit is refused with 413', () => {
    const reply = createMeasurementInstance().invoke(config, request({ payloadBytes: 101 }));
    expect(reply).toMatchObject({ status: 413, body: { error: 'payload-too-large' } });
  });

  test('refused requests neither count nor use up the cold start', () => {
    const instance = createMeasurementInstance();
    instance.invoke(config, request({ token: 'wrong' }));
    instance.invoke(config, request({ spinMs: '-1' }));
    instance.invoke(config, request({ payloadBytes: 1000 }));
    expect(ok(instance.invoke(config, request()))).toMatchObject({ coldStart: true, invocationCount: 1 });
  });

  test('spinMs spins at least that long and reports the time spent', () => {
    const body = ok(createMeasurementInstance().invoke(config, request({ spinMs: '5' })));
    expect(body.serviceTimeMs).toBeGreaterThanOrEqual(5);
    expect(body.spinCapped).toBe(false);
    expect(body.spinIncrements).toBeGreaterThan(0);
  });

  test('spinIncrements stops at maxSpinMs and says so', () => {
    const body = ok(createMeasurementInstance().invoke(config, request({ spinIncrements: String(MAX_SPIN_INCREMENTS) })));
    expect(body.spinCapped).toBe(true);
    expect(body.spinIncrements).toBeLessThan(MAX_SPIN_INCREMENTS);
    expect(body.serviceTimeMs).toBeGreaterThanOrEqual(50);
  });

  test('where the clock stands still, spinMs is refused and serviceTimeMs is null', () => {
    const frozen: CoreConfig = { ...config, clockAdvances: false };
    const instance = createMeasurementInstance();
    expect(instance.invoke(frozen, request({ spinMs: '1' })).status).toBe(400);
    const body = ok(instance.invoke(frozen, request({ spinIncrements: '100000' })));
    expect(body).toMatchObject({ serviceTimeMs: null, spinIncrements: 100_000, spinCapped: false, coldStart: true });
  });
});
