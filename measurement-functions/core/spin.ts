import type { CoreClock } from './clock.js';

/** A spin only measures spans. */
type SpinClock = Pick<CoreClock, 'monotonicMs'>;

export interface SpinResult {
  readonly increments: number;
  readonly elapsedMs: number;
  readonly capped: boolean;
}

/** Iterations between clock reads: reading the clock every iteration would dominate the loop. */
const CHECK_EVERY = 65_536;

/**
 * Where every spin leaves its running sum. A store to a module variable is a side effect no
 * engine may drop, so the loops that feed it cannot be optimised away as dead code.
 */
let blackhole = 0;

/**
 * STeLLAR's busy spin: count to `increments`. Stops early at `capMs` when the clock advances
 * (one clock read per 65,536 increments); with `capMs` null (a frozen clock) only the caller's
 * bound on `increments` limits it.
 */
export function spinIncrements(increments: number, capMs: number | null, clock: SpinClock): SpinResult {
  const start = clock.monotonicMs();
  let sink = 0;
  let done = 0;
  let capped = false;
  while (done < increments) {
    const stop = Math.min(increments, done + CHECK_EVERY);
    for (let i = done; i < stop; i++) sink = (sink + i) | 0;
    done = stop;
    if (capMs !== null && done < increments && clock.monotonicMs() - start >= capMs) {
      capped = true;
      break;
    }
  }
  blackhole ^= sink;
  return { increments: done, elapsedMs: clock.monotonicMs() - start, capped };
}

/** Spin until `ms` of monotonic time has passed; needs a clock that advances during a request. */
export function spinFor(ms: number, clock: SpinClock): SpinResult {
  const start = clock.monotonicMs();
  let sink = 0;
  let done = 0;
  while (clock.monotonicMs() - start < ms) {
    for (let i = 0; i < 1024; i++) sink = (sink + i) | 0;
    done += 1024;
  }
  blackhole ^= sink;
  return { increments: done, elapsedMs: clock.monotonicMs() - start, capped: false };
}
