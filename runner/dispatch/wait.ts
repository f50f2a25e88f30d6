import { type Abortable, unwatchAbort, watchAbort } from './abort-hub.js';
import type { RunClock } from './clock.js';
import { holdQuiet } from './quiet.js';

/**
 * How long before the target the timer hands over to the final approach. A timer counts whole
 * milliseconds and wakes late by the scheduler's latency (~1 ms idle, more on busy shared cores).
 */
export const TIMER_LEAD_MS = 2;
/**
 * The final approach sleeps in slices this long (Atomics.wait: a futex, µs resolution, no CPU) and
 * lets the event loop run between them, so responses that arrive meanwhile are timed at most one
 * slice late.
 */
export const SLICE_MS = 0.1;
const MAX_TIMER_MS = 2 ** 31 - 1;
const SLEEP_CELL = new Int32Array(new SharedArrayBuffer(4));

/**
 * Resolves at `targetMs` on `clock`: a timer sleeps until TIMER_LEAD_MS before, then the final
 * approach alternates a short sleep (SLICE_MS, or what is left) with one turn of the event loop.
 * Resolves at once when the target has passed, and early when `signal` aborts. Callers wait for
 * absolute targets, never for "the previous burst plus an IAT" (open loop).
 *
 * Why not a setImmediate busy poll (what this replaced): every turn of it allocates an Immediate
 * (~350 bytes), thousands per wait on a fast kernel, so the young generation filled up exactly in
 * the last milliseconds before a dispatch and its scavenge delayed the dispatch (profiled: the
 * poll was about half of all allocation per request, and 2 in 3 scavenges fell in the last 2 ms
 * before a dispatch). Slices allocate one Immediate per SLICE_MS, however fast the kernel, and
 * sleeping leaves the cores to the rest of the machine.
 *
 * While a wait is pending its target is a quiet deadline (quiet.ts): deferrable work (sinks,
 * records) is held out of the last QUIET_LEAD_MS before it.
 */
export function waitUntil(clock: RunClock, targetMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true || clock.nowMs() >= targetMs) {
      resolve();
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    let immediate: NodeJS.Immediate | undefined;
    const releaseQuiet = holdQuiet(targetMs - clock.nowMs());
    const finish = () => {
      if (timer !== undefined) clearTimeout(timer);
      if (immediate !== undefined) clearImmediate(immediate);
      if (signal !== undefined) unwatchAbort(signal, watcher);
      releaseQuiet();
      resolve();
    };
    const watcher: Abortable = { onAbort: finish };
    const approach = () => {
      immediate = undefined;
      const leftMs = targetMs - clock.nowMs();
      if (leftMs > SLICE_MS) {
        Atomics.wait(SLEEP_CELL, 0, 0, SLICE_MS);
        immediate = setImmediate(approach);
        return;
      }
      if (leftMs > 0) Atomics.wait(SLEEP_CELL, 0, 0, leftMs);
      finish();
    };
    const sleep = () => {
      timer = undefined;
      const sleepMs = targetMs - clock.nowMs() - TIMER_LEAD_MS;
      // Node caps a timer at 2^31 − 1 ms (~24.8 days); a longer wait sleeps in several steps.
      if (sleepMs > 0) timer = setTimeout(sleep, Math.min(sleepMs, MAX_TIMER_MS));
      else approach();
    };
    if (signal !== undefined) watchAbort(signal, watcher);
    sleep();
  });
}
