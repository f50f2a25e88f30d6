import { describe, expect, test } from '@jest/globals';
import { createRunClock } from '../../../runner/dispatch/clock.js';

describe('the run clock of a resumed run', () => {
  test('offsets continue on the first segment\'s timeline, mapped through the wall clock', () => {
    const origin = Date.now() - 3_600_000;
    const clock = createRunClock(origin);
    expect(clock.originEpochMs).toBe(origin);
    // An hour after the original origin, give or take the few ms this test takes.
    expect(Math.abs(clock.nowMs() - 3_600_000)).toBeLessThan(60_000);
    const a = clock.nowMs();
    const b = clock.nowMs();
    expect(b).toBeGreaterThanOrEqual(a);
  });

  test('without an origin, offset 0 is now', () => {
    const clock = createRunClock();
    expect(Math.abs(clock.originEpochMs - Date.now())).toBeLessThan(60_000);
    expect(clock.nowMs()).toBeLessThan(60_000);
  });
});
