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

/** A clock that moves 1 ms every time it is read, so spans are predictable; its process started `processStartedAtMs`. */
function steppingClock(startEpochMs = 1_000_000, processStartedAtMs: number | null = 990_000): CoreClock & { reads: number } {
  const clock = {
    reads: 0,
    epochMs: () => startEpochMs + clock.reads++,
    monotonicMs: () => clock.reads++,
    processStartedAtMs: () => processStartedAtMs,
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
    expect(first).toMatchObject({ instanceId: 'id-1', coldStart: true, refusedBeforeFirst: 0, invocationCount: 1, requestId: 'req-1' });
    expect(second).toMatchObject({ instanceId: 'id-1', coldStart: false, refusedBeforeFirst: 0, invocationCount: 2, requestId: null });
    expect(first.instanceStartedAt).toBe(instance.instanceStartedAt);
    expect(first.initEndedAt).toBe(instance.initEndedAt);
  });

  test('fills every field of the response', () => {
    const clock = steppingClock();
    const instance = createMeasurementInstance({ clock, randomId: () => 'id-2', runtimeLabel: 'nodejs v99' });
    const body = ok(instance.invoke(config, request({ spinIncrements: '10', payloadBytes: 7 })));
    expect(body).toEqual({
      instanceId: 'id-2',
      coldStart: true,
      refusedBeforeFirst: 0,
      invocationCount: 1,
      instanceStartedAt: 990_000,
      initEndedAt: 1_000_000,
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

  test('init timestamps come from the clock: the process start, and the moment the instance is made', () => {
    const instance = createMeasurementInstance({ clock: steppingClock(5_000, 4_000.5) });
    expect(instance).toMatchObject({ instanceStartedAt: 4_000.5, initEndedAt: 5_000 });
    const body = ok(instance.invoke(config, request()));
    expect(body).toMatchObject({ instanceStartedAt: 4_000.5, initEndedAt: 5_000, handlerStartedAt: 5_001 });
  });

  test('where the clock knows no process start, the instance started when it was made', () => {
    const instance = createMeasurementInstance({ clock: steppingClock(7_000, null) });
    expect(instance).toMatchObject({ instanceStartedAt: 7_000, initEndedAt: 7_000 });
  });

  test('an adapter may give the load start itself, and say the init end is unknown', () => {
    const given = createMeasurementInstance({ clock: steppingClock(7_000, 1_000), loadStartedAt: 6_500.25 });
    expect(given).toMatchObject({ instanceStartedAt: 6_500.25, initEndedAt: 7_000 });
    const unknown = createMeasurementInstance({ clock: steppingClock(7_000, null), initEndKnown: false });
    expect(unknown).toMatchObject({ instanceStartedAt: 7_000, initEndedAt: null });
    expect(ok(unknown.invoke(config, request())).initEndedAt).toBeNull();
  });

  test('the system clock gives the process start as Node knows it', () => {
    const instance = createMeasurementInstance();
    expect(instance.instanceStartedAt).toBe(performance.timeOrigin);
    expect(instance.initEndedAt).toBeGreaterThan(instance.instanceStartedAt);
    expect(instance.initEndedAt).toBeLessThanOrEqual(Date.now() + 1);
  });

  test('a missing, wrong or unconfigured token is refused with 401 before anything else', () => {
    const instance = createMeasurementInstance();
    for (const token of [undefined, '', 'secret-token-012345678', 'secret-token-0123456789x', 'Secret-token-0123456789']) {
      // Bad parameters too: the token decides first.
      const reply = instance.invoke(config, request({ token, spinIncrements: 'nonsense', payloadBytes: 1e9 }));
      expect(reply).toEqual({ status: 401, body: { error: 'unauthorized', message: expect.any(String) } });
    }
    expect(instance.invoke({ ...config, token: '' }, request({ token: '' })).status).toBe(401);
    expect(ok(instance.invoke(config, request()))).toMatchObject({ coldStart: false, refusedBeforeFirst: 6, invocationCount: 1 });
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

  test('an unauthorised first request takes the cold start: the next accepted one is warm and says why', () => {
    const instance = createMeasurementInstance();
    expect(instance.invoke(config, request({ token: 'wrong' })).status).toBe(401);
    expect(ok(instance.invoke(config, request()))).toMatchObject({ coldStart: false, refusedBeforeFirst: 1, invocationCount: 1 });
    expect(ok(instance.invoke(config, request()))).toMatchObject({ coldStart: false, refusedBeforeFirst: 1, invocationCount: 2 });
  });

  test.each([
    ['a bad spin (400)', { spinMs: '-1' }, 400],
    ['too large a payload (413)', { payloadBytes: 1000 }, 413],
    ['both spins (400)', { spinMs: '1', spinIncrements: '1' }, 400],
  ] as const)('%s counts as the first request too', (_label, params, status) => {
    const instance = createMeasurementInstance();
    expect(instance.invoke(config, request(params)).status).toBe(status);
    expect(ok(instance.invoke(config, request()))).toMatchObject({ coldStart: false, refusedBeforeFirst: 1, invocationCount: 1 });
  });

  test('refusedBeforeFirst counts every refusal before the first accepted request and none after', () => {
    const instance = createMeasurementInstance();
    instance.invoke(config, request({ token: undefined }));
    instance.invoke(config, request({ spinMs: 'x' }));
    instance.invoke(config, request({ payloadBytes: 101 }));
    const first = ok(instance.invoke(config, request()));
    instance.invoke(config, request({ token: 'wrong' }));
    const second = ok(instance.invoke(config, request()));
    expect(first).toMatchObject({ coldStart: false, refusedBeforeFirst: 3, invocationCount: 1 });
    expect(second).toMatchObject({ coldStart: false, refusedBeforeFirst: 3, invocationCount: 2 });
  });

  test('a refusal keeps its small body: no instance fields leak to a caller without the token', () => {
    const instance = createMeasurementInstance();
    const reply = instance.invoke(config, request({ token: 'wrong' }));
    expect(Object.keys(reply.body).sort()).toEqual(['error', 'message']);
  });

  test('coldStart is exactly invocationCount 1 with no refusal before it, whatever the order of requests', () => {
    const kinds = ['ok', 'unauthorised', 'bad', 'big'] as const;
    const params = { ok: {}, unauthorised: { token: 'nope' }, bad: { spinIncrements: '-4' }, big: { payloadBytes: 500 } };
    // Every sequence of four requests over the four kinds: 256 instances.
    for (let code = 0; code < 4 ** 4; code += 1) {
      const instance = createMeasurementInstance();
      let colds = 0;
      for (let i = 0; i < 4; i += 1) {
        const reply = instance.invoke(config, request(params[kinds[Math.floor(code / 4 ** i) % 4]!]));
        if (reply.status !== 200) continue;
        const body = reply.body as MeasurementResponse;
        expect(body.coldStart).toBe(body.invocationCount === 1 && body.refusedBeforeFirst === 0);
        if (body.coldStart) colds += 1;
      }
      // Cold exactly when the very first request of the sequence was accepted.
      expect(colds).toBe(code % 4 === 0 ? 1 : 0);
    }
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
    expect(body).toMatchObject({ serviceTimeMs: null, spinIncrements: 100_000, spinCapped: false, coldStart: false, refusedBeforeFirst: 1 });
  });
});
