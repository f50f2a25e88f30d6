import { afterAll, describe, expect, test } from '@jest/globals';
import {
  calibrate,
  type CalibrationProbe,
  createAgentPool,
  createRunClock,
  httpCalibrationProbe,
} from '../../../runner/dispatch/index.js';
import { subFixture } from '../schedule/sub-fixture.js';
import { contractBody, startScriptServer } from './script-server.js';

/** Network and platform time the client sees on top of the function's own. */
const NETWORK_MS = 20;

/**
 * A fake function: `incrementsPerMs` of pure spin plus a fixed `overheadMs` per request that the
 * rate probes cannot see, so the first estimate misses and the correction has work to do.
 */
function fakeFunction(incrementsPerMs: number, overheadMs: number) {
  const asked: number[] = [];
  const probe: CalibrationProbe = async (spinIncrements) => {
    asked.push(spinIncrements);
    const serviceTimeMs = overheadMs + spinIncrements / incrementsPerMs;
    return { ok: true, sample: { serviceTimeMs, spinIncrements, clientLatencyMs: NETWORK_MS + serviceTimeMs } };
  };
  return { probe, asked };
}

describe('calibrate against a fake function', () => {
  test('all desired times 0: no requests, 0 increments', async () => {
    const { probe, asked } = fakeFunction(1e6, 0);
    const result = await calibrate(subFixture({ desiredServiceTimesMs: [0, 0] }), probe);
    expect(asked).toEqual([]);
    expect(result).toEqual({
      subExperimentIndex: 0, subExperiment: 'sub', incrementsPerMs: null,
      points: [{ desiredServiceTimeMs: 0, spinIncrements: 0, achievedServiceTimeMs: null }], requestsSent: 0, timedBy: null, problem: null,
    });
  });

  test('reaches the desired times: 5 rate probes, then steps of 3 probes with a correction until within 5%', async () => {
    const { probe, asked } = fakeFunction(1e6, 0.5);
    const result = await calibrate(subFixture({ desiredServiceTimesMs: [0, 10, 100, 10] }), probe);
    expect(result.problem).toBeNull();
    // Each distinct time needs one correction: two steps of three probes.
    expect(result.timedBy).toBe('function');
    // One probe to learn who can time the spin, then 5 rate probes; each time needs one correction.
    expect(result.requestsSent).toBe(1 + 5 + 2 * 3 + 2 * 3);
    expect(asked.slice(0, 6)).toEqual([2e6, 2e6, 2e6, 2e6, 2e6, 2e6]);
    // Rate from 2e6 increments in 2.5 ms: 8e5 per ms, not the true 1e6 (the overhead hides some).
    expect(result.incrementsPerMs).toBeCloseTo(8e5, 6);
    expect(result.points.map((p) => p.desiredServiceTimeMs)).toEqual([0, 10, 100]);
    expect(result.points[0]).toEqual({ desiredServiceTimeMs: 0, spinIncrements: 0, achievedServiceTimeMs: null });
    // d = 10: n = 8e6 → 8.5 ms (15% off); corrected n = 8e6·10/8.5 = 9,411,765 → 9.91 ms (within 1%).
    // d = 100: n = 8e7 → 80.5 ms (19.5% off); corrected n = 8e7·100/80.5 = 99,378,882 → 99.9 ms.
    expect(result.points[1]?.spinIncrements).toBe(Math.round((8e6 * 10) / 8.5));
    expect(result.points[2]?.spinIncrements).toBe(Math.round((8e7 * 100) / 80.5));
    for (const point of result.points.slice(1)) {
      expect(Math.abs((point.achievedServiceTimeMs as number) - point.desiredServiceTimeMs) / point.desiredServiceTimeMs).toBeLessThan(0.01);
    }
  });

  test('on a busy machine the closest step is kept, not the last one', async () => {
    // Rate probes at 1e6 per ms, then step medians scripted as contention would make them:
    // 11 ms, 30, 2, 30, 2 (each step's 3 probes alike). The first step, 10% off, is the closest.
    const stepMs = [11, 30, 2, 30, 2];
    let calls = 0;
    const asked: number[] = [];
    const probe: CalibrationProbe = async (spinIncrements) => {
      asked.push(spinIncrements);
      const step = Math.floor((calls++ - 6) / 3);
      const serviceTimeMs = step < 0 ? spinIncrements / 1e6 : (stepMs[step] as number);
      return { ok: true, sample: { serviceTimeMs, spinIncrements, clientLatencyMs: NETWORK_MS + serviceTimeMs } };
    };
    const result = await calibrate(subFixture({ desiredServiceTimesMs: [10] }), probe);
    expect(result.requestsSent).toBe(1 + 5 + 5 * 3);
    // Each step corrects the one before it: 1e7 × 10/11, then × 10/30, × 10/2, × 10/30.
    expect([...new Set(asked.slice(6))]).toEqual([1e7, 9_090_909, 3_030_303, 15_151_515, 5_050_505]);
    expect(result.points).toEqual([{ desiredServiceTimeMs: 10, spinIncrements: 1e7, achievedServiceTimeMs: 11 }]);
  });

  test('a runtime whose clock stands still is timed by the client, against the latency of no spin', async () => {
    // workerd: serviceTimeMs is null; the client sees 20 ms of network plus the spin at 1e6 per ms.
    const asked: number[] = [];
    const probe: CalibrationProbe = async (spinIncrements) => {
      asked.push(spinIncrements);
      return { ok: true, sample: { serviceTimeMs: null, spinIncrements, clientLatencyMs: NETWORK_MS + spinIncrements / 1e6 } };
    };
    const result = await calibrate(subFixture({ desiredServiceTimesMs: [0, 50] }), probe);
    expect(result).toMatchObject({ problem: null, timedBy: 'client', incrementsPerMs: 1e6 });
    // 5 probes with no spin for the baseline; the rate probe grows 2e6, 8e6, 32e6, 128e6 (≥ 50 ms).
    expect(asked.slice(1, 6)).toEqual([0, 0, 0, 0, 0]);
    expect([...new Set(asked.slice(6, 18))]).toEqual([2e6, 8e6, 32e6, 128e6]);
    expect(result.points).toEqual([
      { desiredServiceTimeMs: 0, spinIncrements: 0, achievedServiceTimeMs: null },
      { desiredServiceTimeMs: 50, spinIncrements: 5e7, achievedServiceTimeMs: 50 },
    ]);
  });

  test('a failing probe: the failure becomes the problem; nothing throws', async () => {
    let calls = 0;
    const probe: CalibrationProbe = async (spinIncrements) => {
      calls += 1;
      return calls < 8
        ? { ok: true, sample: { serviceTimeMs: spinIncrements / 1e6, spinIncrements, clientLatencyMs: 1 + spinIncrements / 1e6 } }
        : { ok: false, problem: 'HTTP 500 (exploded)' };
    };
    const result = await calibrate(subFixture({ desiredServiceTimesMs: [10] }), probe);
    expect(result.problem).toBe('a calibration request failed: HTTP 500 (exploded)');
    expect(result.incrementsPerMs).toBe(1e6);
    expect(result.points).toEqual([{ desiredServiceTimeMs: 10, spinIncrements: 0, achievedServiceTimeMs: null }]);
    expect(result.requestsSent).toBe(8);
  });
});

describe('the HTTP calibration probe', () => {
  const agents = createAgentPool();
  afterAll(() => agents.destroy());

  test('asks for the increments in the query and reads serviceTimeMs from the body', async () => {
    const server = await startScriptServer((seen) => {
      const increments = Number(new URL(seen.url, 'http://x').searchParams.get('spinIncrements'));
      return { kind: 'reply', body: contractBody({ spinIncrements: increments, serviceTimeMs: increments / 1e5 }) };
    });
    try {
      const probe = httpCalibrationProbe({ endpointUrl: server.url, token: 'tok-0123456789abcdef', timeoutMs: 2000 }, { clock: createRunClock(), agents });
      const result = await calibrate(subFixture({ desiredServiceTimesMs: [20] }), probe);
      expect(result).toMatchObject({ problem: null, incrementsPerMs: 1e5, requestsSent: 1 + 5 + 3, timedBy: 'function' });
      expect(result.points).toEqual([{ desiredServiceTimeMs: 20, spinIncrements: 2e6, achievedServiceTimeMs: 20 }]);
      expect(server.seen.every((s) => s.headers['x-faasbench-token'] === 'tok-0123456789abcdef')).toBe(true);
    } finally {
      await server.close();
    }
  });

  test('an HTTP error becomes the problem, with the function\'s message', async () => {
    const server = await startScriptServer(() => ({ kind: 'reply', status: 401, body: { error: 'unauthorized', message: 'missing or wrong x-faasbench-token' } }));
    try {
      const probe = httpCalibrationProbe({ endpointUrl: server.url, token: 'wrong-token-000000', timeoutMs: 2000 }, { clock: createRunClock(), agents });
      const result = await calibrate(subFixture({ desiredServiceTimesMs: [20] }), probe);
      expect(result.problem).toBe('a calibration request failed: HTTP 401 (missing or wrong x-faasbench-token)');
    } finally {
      await server.close();
    }
  });
});
