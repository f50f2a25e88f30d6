import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { abortWatchers } from '../../../runner/dispatch/abort-hub.js';
import { BUILD_LEAD_MS, createBuildGate, type RunClock } from '../../../runner/dispatch/index.js';

const clock: RunClock = { nowMs: () => Date.now(), originEpochMs: 0 };
const settledAfter = async (promise: Promise<void> | undefined) => {
  let done = false;
  void promise?.then(() => {
    done = true;
  });
  await Promise.resolve();
  await Promise.resolve();
  return done;
};

describe('build gate', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  test('nothing in flight: build at once', () => {
    expect(createBuildGate(clock).open(Date.now() + 10_000, new AbortController().signal)).toBeUndefined();
  });

  test('opens when the last request in flight settles', async () => {
    const gate = createBuildGate(clock);
    gate.fired(2);
    const open = gate.open(Date.now() + 10_000, new AbortController().signal);
    gate.settled();
    expect(await settledAfter(open)).toBe(false);
    gate.settled();
    expect(await settledAfter(open)).toBe(true);
  });

  test('opens BUILD_LEAD_MS before the burst is due, whatever is in flight', async () => {
    const gate = createBuildGate(clock);
    gate.fired(1);
    const open = gate.open(Date.now() + BUILD_LEAD_MS + 10, new AbortController().signal);
    jest.advanceTimersByTime(9);
    expect(await settledAfter(open)).toBe(false);
    jest.advanceTimersByTime(1);
    expect(await settledAfter(open)).toBe(true);
  });

  test('opens when the run is interrupted, and stops watching its signal once open', async () => {
    const gate = createBuildGate(clock);
    gate.fired(1);
    const controller = new AbortController();
    const open = gate.open(Date.now() + 60_000, controller.signal);
    expect(abortWatchers(controller.signal)).toBe(1);
    controller.abort();
    expect(await settledAfter(open)).toBe(true);
    const other = new AbortController();
    const settled = gate.open(Date.now() + 60_000, other.signal);
    gate.settled();
    expect(await settledAfter(settled)).toBe(true);
    expect(abortWatchers(other.signal)).toBe(0);
  });
});
