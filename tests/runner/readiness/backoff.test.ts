import { describe, expect, it } from '@jest/globals';
import { backoffDelayMs, nextStep, type ReadinessPolicy } from '../../../runner/readiness/index.js';

const policy: ReadinessPolicy = { budgetMs: 10_000, attemptTimeoutMs: 1000, initialDelayMs: 500, factor: 2, maxDelayMs: 4000 };

describe('backoffDelayMs', () => {
  it('doubles from the initial delay up to the cap, half fixed and half jitter', () => {
    // Ceilings 500, 1000, 2000, 4000, 4000: the delay is ceiling/2 + random × ceiling/2.
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelayMs(retry, policy, () => 0))).toEqual([250, 500, 1000, 2000, 2000]);
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelayMs(retry, policy, () => 0.5))).toEqual([375, 750, 1500, 3000, 3000]);
    expect(backoffDelayMs(3, policy, () => 0.999)).toBeCloseTo(1999, 0);
  });

  it('refuses a retry number that is not a whole number from 1', () => {
    expect(() => backoffDelayMs(0, policy, () => 0)).toThrow(RangeError);
    expect(() => backoffDelayMs(1.5, policy, () => 0)).toThrow(RangeError);
  });
});

describe('nextStep against a fake clock', () => {
  it('retries while the budget lasts and gives up when the next retry would start after it', () => {
    // A fake clock: each attempt takes 100 ms, then the chosen delay passes.
    let clockMs = 0;
    const steps: string[] = [];
    for (let retry = 1; retry < 50; retry++) {
      clockMs += 100;
      const step = nextStep({ retry, elapsedMs: clockMs, outcome: { kind: 'not-ready', what: 'HTTP 503 Service Unavailable' } }, policy, () => 0);
      if (step.kind === 'give-up') {
        steps.push(`give up at ${clockMs}: ${step.reason}`);
        break;
      }
      steps.push(`retry in ${step.delayMs}`);
      clockMs += step.delayMs;
    }
    // 100+250, +100+500, +100+1000, +100+2000 = 4150, +100+2000 = 6250, +100+2000 = 8350; at 8450 a
    // 2000 ms delay would end at 10450 > 10000: give up.
    expect(steps.slice(0, 6)).toEqual(['retry in 250', 'retry in 500', 'retry in 1000', 'retry in 2000', 'retry in 2000', 'retry in 2000']);
    expect(steps[6]).toBe(
      'give up at 8450: not ready after 8.4 s and 7 attempts (budget 10 s); last answer: HTTP 503 Service Unavailable',
    );
  });

  it('gives up at once when the function refused the request', () => {
    const step = nextStep({ retry: 1, elapsedMs: 10, outcome: { kind: 'refused', what: 'HTTP 401 Unauthorized: missing or wrong x-faasbench-token' } }, policy, () => 0);
    expect(step).toEqual({
      kind: 'give-up',
      reason: "the function refused the stack's request (HTTP 401 Unauthorized: missing or wrong x-faasbench-token); waiting will not change that",
    });
  });
});
