import { type Abortable, unwatchAbort, watchAbort } from './abort-hub.js';
import type { RunClock } from './clock.js';

/**
 * How long before the target the timer hands over to polling. setTimeout alone fires up to
 * ~4 ms late (p99 measured on the build machines, toolchain.md §6); its timer is good to ~1 ms.
 */
const TIMER_LEAD_MS = 2;
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Resolves at `targetMs` on `clock`: a timer sleeps until ~2 ms before, then a setImmediate poll
 * takes it to the target without blocking the event loop (responses of earlier bursts keep being
 * timed meanwhile). Resolves at once when the target has passed, and early when `signal` aborts.
 * Callers wait for absolute targets, never for "the previous burst plus an IAT" (open loop).
 */
export function waitUntil(clock: RunClock, targetMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true || clock.nowMs() >= targetMs) {
      resolve();
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    let immediate: NodeJS.Immediate | undefined;
    const finish = () => {
      if (timer !== undefined) clearTimeout(timer);
      if (immediate !== undefined) clearImmediate(immediate);
      if (signal !== undefined) unwatchAbort(signal, watcher);
      resolve();
    };
    const watcher: Abortable = { onAbort: finish };
    const poll = () => {
      immediate = undefined;
      if (clock.nowMs() >= targetMs) finish();
      else immediate = setImmediate(poll);
    };
    const sleep = () => {
      timer = undefined;
      const sleepMs = targetMs - clock.nowMs() - TIMER_LEAD_MS;
      // Node caps a timer at 2^31 − 1 ms (~24.8 days); a longer wait sleeps in several steps.
      if (sleepMs > 0) timer = setTimeout(sleep, Math.min(sleepMs, MAX_TIMER_MS));
      else poll();
    };
    if (signal !== undefined) watchAbort(signal, watcher);
    sleep();
  });
}
