/**
 * Quiet before a dispatch. Work that can wait a few milliseconds (building records from outcomes,
 * formatting and writing CSV rows, log lines, progress redraws) is handed to whenQuiet(), which
 * runs it at once unless a dispatch is due within QUIET_LEAD_MS; then it is held and runs right
 * after that dispatch. So a completion that lands just before the next burst is due cannot push
 * the burst back with its sinks' work, nor fill the young generation right then and trigger a
 * scavenge in the last milliseconds (GC pauses were the runner's largest schedule error).
 *
 * Deadlines are registered by waitUntil for the time it waits (holdQuiet). Held work runs in
 * turns of at most TURN_BUDGET_MS, letting I/O in between, and never waits longer than
 * MAX_HOLD_MS, so a schedule dense enough to be never quiet still gets its sinks written.
 * One event loop per process, so the state is per process: every run in it shares the quiet.
 */

/** Deferrable work is kept this far away from a due dispatch: the timer lead and one turn of work, with room. */
export const QUIET_LEAD_MS = 5;
/** Deferred work runs at most this long per event-loop turn. */
export const TURN_BUDGET_MS = 1;
/** No deferred task waits longer than this, quiet or not. */
export const MAX_HOLD_MS = 50;

interface Hold {
  readonly atMs: number;
}

const holds = new Set<Hold>();
let tasks: (() => void)[] = [];
let next = 0;
/** When the oldest task still queued was queued. */
let oldestQueuedMs = Infinity;
let drainScheduled = false;

/** Runs `task` now-ish, or after the dispatch that is about to happen. FIFO; a task that throws is reported, not lost in the others. */
export function whenQuiet(task: () => void): void {
  if (next === tasks.length) oldestQueuedMs = performance.now();
  tasks.push(task);
  scheduleDrain();
}

/** Registers a dispatch due in `inMs`; returns its release (call it when the wait is over). */
export function holdQuiet(inMs: number): () => void {
  const hold: Hold = { atMs: performance.now() + inMs };
  holds.add(hold);
  return () => {
    if (holds.delete(hold) && next < tasks.length) scheduleDrain();
  };
}

/** Deferred tasks not run yet: for tests. */
export function quietBacklog(): number {
  return tasks.length - next;
}

function scheduleDrain(): void {
  if (drainScheduled) return;
  drainScheduled = true;
  setImmediate(drain);
}

function isQuiet(nowMs: number): boolean {
  if (nowMs - oldestQueuedMs >= MAX_HOLD_MS) return true;
  for (const hold of holds) if (hold.atMs - nowMs < QUIET_LEAD_MS && hold.atMs > nowMs - MAX_HOLD_MS) return false;
  return true;
}

function drain(): void {
  drainScheduled = false;
  const startMs = performance.now();
  // Not quiet: the release of the hold that is near drains (each wait ends with one).
  if (!isQuiet(startMs)) return;
  let nowMs = startMs;
  while (next < tasks.length && nowMs - startMs < TURN_BUDGET_MS && isQuiet(nowMs)) {
    const task = tasks[next] as () => void;
    next += 1;
    try {
      task();
    } catch (error) {
      // A sink's bug must not stop the other sinks' work; it surfaces as an uncaught error.
      queueMicrotask(() => {
        throw error;
      });
    }
    nowMs = performance.now();
  }
  if (next === tasks.length) {
    tasks = [];
    next = 0;
    oldestQueuedMs = Infinity;
    return;
  }
  if (next >= 1024) {
    tasks = tasks.slice(next);
    next = 0;
  }
  // Out of budget: go on after the I/O of this turn. Not quiet any more: the hold's release goes on.
  if (isQuiet(nowMs)) scheduleDrain();
}
