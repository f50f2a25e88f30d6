import { describe, expect, test } from '@jest/globals';
import { createRunClock, waitUntil, whenQuiet } from '../../../runner/dispatch/index.js';
import { SLICE_MS, TIMER_LEAD_MS } from '../../../runner/dispatch/wait.js';

describe('run clock', () => {
  test('is monotonic with sub-ms resolution and anchored to the wall clock', () => {
    const clock = createRunClock();
    const readings = Array.from({ length: 1000 }, () => clock.nowMs());
    for (let i = 1; i < readings.length; i++) expect(readings[i] as number).toBeGreaterThanOrEqual(readings[i - 1] as number);
    expect(readings.some((ms) => !Number.isInteger(ms))).toBe(true);
    // The anchor is the wall clock's reading of offset 0 (sanity, not timing).
    expect(Math.abs(clock.originEpochMs - Date.now())).toBeLessThan(60_000);
  });
});

describe('waitUntil', () => {
  test('never resolves before its target', async () => {
    const clock = createRunClock();
    for (const target of [1, 5, 20]) {
      await waitUntil(clock, target);
      expect(clock.nowMs()).toBeGreaterThanOrEqual(target);
    }
  });

  test('a target in the past resolves at once (in the same turn of the loop)', async () => {
    const clock = createRunClock();
    let resolved = false;
    const waiting = waitUntil(clock, -1).then(() => {
      resolved = true;
    });
    await Promise.resolve();
    expect(resolved).toBe(true);
    await waiting;
  });

  test('resolves early when the signal aborts, long before its target', async () => {
    const clock = createRunClock();
    const controller = new AbortController();
    const waiting = waitUntil(clock, 3_600_000, controller.signal);
    setTimeout(() => controller.abort(), 10);
    await waiting;
    expect(clock.nowMs()).toBeLessThan(3_600_000);
  });

  test('the last approach lets the event loop turn (I/O is not shut out while it waits)', async () => {
    const clock = createRunClock();
    let turns = 0;
    let counting = true;
    const count = () => {
      turns += 1;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    // Inside the timer lead: all of it is the last approach, sleeping SLICE_MS at a time.
    await waitUntil(clock, clock.nowMs() + Math.min(TIMER_LEAD_MS, 20 * SLICE_MS));
    counting = false;
    expect(turns).toBeGreaterThanOrEqual(1);
  });

  test('work handed to whenQuiet just before a due target runs after it', async () => {
    const clock = createRunClock();
    const targetMs = clock.nowMs() + 3;
    let ranAtMs: number | null = null;
    const waiting = waitUntil(clock, targetMs);
    whenQuiet(() => {
      ranAtMs = clock.nowMs();
    });
    await waiting;
    while (ranAtMs === null) await new Promise((resolve) => setImmediate(resolve));
    expect(ranAtMs).toBeGreaterThanOrEqual(targetMs);
  });

  test('an already aborted signal resolves at once', async () => {
    await waitUntil(createRunClock(), 3_600_000, AbortSignal.abort());
  });
});
