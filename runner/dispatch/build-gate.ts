import { unwatchAbort, watchAbort } from './abort-hub.js';
import type { RunClock } from './clock.js';

/**
 * With requests in flight, the next burst is built (its Flights and request options, ~0.2 ms of
 * CPU, more under tsx) once they have all settled, or this long before it is due, whichever comes
 * first. The engine prepares a round right after firing the one before, just when that round's
 * responses are on their way, and building then delayed their timestamps (profiled at a 100 ms
 * IAT: the run path's per-request work between a request's write and its first byte was mostly
 * the next burst's preparation).
 */
export const BUILD_LEAD_MS = 50;

export interface BuildGate {
  /** `count` requests were just fired. */
  fired(count: number): void;
  /** One of them settled. */
  settled(): void;
  /**
   * Resolves when nothing is in flight, BUILD_LEAD_MS before `dueMs`, or when `signal` aborts;
   * undefined (build at once) when nothing is in flight now.
   */
  open(dueMs: number, signal: AbortSignal): Promise<void> | undefined;
}

/** One per run: counts the run's requests in flight. */
export function createBuildGate(clock: RunClock): BuildGate {
  let inFlight = 0;
  const waiting = new Set<() => void>();
  return {
    fired(count) {
      inFlight += count;
    },
    settled() {
      inFlight -= 1;
      if (inFlight > 0 || waiting.size === 0) return;
      for (const open of [...waiting]) open();
    },
    open(dueMs, signal) {
      if (inFlight === 0 || signal.aborted) return undefined;
      return new Promise<void>((resolve) => {
        const open = () => {
          clearTimeout(timer);
          waiting.delete(open);
          unwatchAbort(signal, watcher);
          resolve();
        };
        // A plain timer is precise enough for a lead of 50 ms; the abort watch goes through the
        // hub, as a round of many bursts prepares them all at once.
        const watcher = { onAbort: open };
        const timer = setTimeout(open, Math.max(0, dueMs - BUILD_LEAD_MS - clock.nowMs()));
        waiting.add(open);
        watchAbort(signal, watcher);
      });
    },
  };
}
