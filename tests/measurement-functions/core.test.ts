import { describe, expect, test } from '@jest/globals';
import {
  type CoreClock,
  type CoreConfig,
  type CoreRequest,
  configFromEnv,
  createMeasurementInstance,
  tokenMatches,
} from '../../measurement-functions/core/index.js';

/** A clock that advances `stepMs` on every monotonic read and counts the reads. */
function fakeClock(stepMs = 1) {
  let now = 0;
  const clock: CoreClock & { reads: number } = {
    reads: 0,
    epochMs: () => 1_700_000_000_000 + now,
    monotonicMs: () => {
      clock.reads += 1;
      now += stepMs;
      return now;
    },
  };
  return clock;
}

const config: CoreConfig = {
  vendor: 'local', runtime: 'nodejs', region: 'local', memoryMb: 256, token: 'secret-token-0123456789',
  maxSpinMs: 50, maxPayloadBytes: 100, clockAdvances: true,
};
const request = (overrides: Partial<CoreRequest> = {}): CoreRequest => ({
  token: config.token, spinIncrements: undefined, spinMs: undefined, payloadBytes: 0, requestId: 'r-1', ...overrides,
});

describe('the measurement core', () => {
  test('first invocation is cold, later ones warm on the same instance', () => {
    const instance = createMeasurementInstance({ clock: fakeClock(), randomId: () => 'inst-1', runtimeLabel: 'nodejs vX' });
    const first = instance.invoke(config, request());
    const second = instance.invoke(config, request({ requestId: null }));
    expect(first).toEqual({
      status: 200,
      body: expect.objectContaining({
        instanceId: 'inst-1', coldStart: true, invocationCount: 1, runtime: 'nodejs vX', vendor: 'local',
        region: 'local', memoryMb: 256, requestId: 'r-1', spinIncrements: 0, spinCapped: false, payloadBytes: 0,
      }),
    });
    expect(second.body).toMatchObject({ instanceId: 'inst-1', coldStart: false, invocationCount: 2, requestId: null });
  });

  test('a request without the token is refused before any work and is not the cold start', () => {
    const clock = fakeClock();
    const instance = createMeasurementInstance({ clock });
    const readsBefore = clock.reads;
    for (const token of [undefined, '', 'secret-token-012345678', 'secret-token-0123456789x', 'Secret-token-0123456789']) {
      expect(instance.invoke(config, request({ token, spinMs: '40' }))).toEqual({
        status: 401, body: { error: 'unauthorized', message: 'missing or wrong x-faasbench-token' },
      });
    }
    expect(clock.reads).toBe(readsBefore);
    expect(instance.invoke(config, request()).body).toMatchObject({ coldStart: true, invocationCount: 1 });
  });

  test('an empty configured token refuses everything', () => {
    const instance = createMeasurementInstance({ clock: fakeClock() });
    expect(instance.invoke({ ...config, token: '' }, request({ token: '' })).status).toBe(401);
    expect(tokenMatches('', '')).toBe(false);
  });

  test('spinMs spins until the time has passed and reports it', () => {
    const instance = createMeasurementInstance({ clock: fakeClock(1) });
    const reply = instance.invoke(config, request({ spinMs: '20' }));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ spinCapped: false, serviceTimeMs: expect.any(Number) });
    expect((reply.body as { serviceTimeMs: number }).serviceTimeMs).toBeGreaterThanOrEqual(20);
  });

  test('spinIncrements counts exactly, and stops at the time cap', () => {
    const instance = createMeasurementInstance({ clock: fakeClock(0) });
    expect(instance.invoke(config, request({ spinIncrements: '200000' })).body).toMatchObject({ spinIncrements: 200_000, spinCapped: false });
    // Each clock read advances 10 ms: the 50 ms cap is reached after a few 65,536-increment chunks.
    const capped = createMeasurementInstance({ clock: fakeClock(10) }).invoke(config, request({ spinIncrements: '100000000' }));
    expect(capped.body).toMatchObject({ spinCapped: true });
    expect((capped.body as { spinIncrements: number }).spinIncrements).toBeLessThan(100_000_000);
    expect((capped.body as { spinIncrements: number }).spinIncrements % 65_536).toBe(0);
  });

  test.each([
    [{ spinMs: '51' }, 400, "spinMs 51 is more than this function's cap of 50"],
    [{ spinMs: '-1' }, 400, 'spinMs must be a non-negative number'],
    [{ spinMs: 'abc' }, 400, 'spinMs must be a non-negative number'],
    [{ spinIncrements: '1.5' }, 400, 'spinIncrements must be a whole number'],
    [{ spinIncrements: '1e12' }, 400, 'spinIncrements must be a whole number'],
    [{ spinIncrements: '1', spinMs: '1' }, 400, 'give spinIncrements or spinMs, not both'],
    [{ payloadBytes: 101 }, 413, 'payload of 101 bytes is more than 100'],
  ])('%j is refused with %d', (overrides, status, message) => {
    const instance = createMeasurementInstance({ clock: fakeClock() });
    const reply = instance.invoke(config, request(overrides));
    expect(reply.status).toBe(status);
    expect((reply.body as { message: string }).message).toContain(message);
    expect(instance.invoke(config, request()).body).toMatchObject({ coldStart: true });
  });

  test('where the clock stands still, spinMs is refused and service time is not claimed', () => {
    const instance = createMeasurementInstance({ clock: fakeClock(0) });
    const frozen = { ...config, clockAdvances: false };
    expect(instance.invoke(frozen, request({ spinMs: '5' })).status).toBe(400);
    expect(instance.invoke(frozen, request({ spinIncrements: '1000' })).body).toMatchObject({ serviceTimeMs: null, spinIncrements: 1000 });
  });

  test('config from the environment names what is missing', () => {
    const env = {
      FAASBENCH_TOKEN: 't', FAASBENCH_VENDOR: 'aws', FAASBENCH_REGION: 'eu-west-1', FAASBENCH_RUNTIME: 'nodejs22',
      FAASBENCH_MEMORY_MB: '512', FAASBENCH_MAX_SPIN_MS: '1000', FAASBENCH_MAX_PAYLOAD_BYTES: '10',
    };
    expect(configFromEnv(env)).toEqual({
      token: 't', vendor: 'aws', region: 'eu-west-1', runtime: 'nodejs22', memoryMb: 512, maxSpinMs: 1000,
      maxPayloadBytes: 10, clockAdvances: true,
    });
    expect(() => configFromEnv({ ...env, FAASBENCH_TOKEN: undefined })).toThrow('environment variable FAASBENCH_TOKEN is not set');
  });
});
