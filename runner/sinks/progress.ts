import { whenQuiet } from '../dispatch/quiet.js';
import type { RunEvent, RunListener } from '../engine/events.js';
import { type ProgressCounts, etaMs, progressLine, type ScheduleAnchor, scheduleOffsetMs } from './progress-line.js';

/**
 * A single self-rewriting status line on a terminal (meant for stderr): done/planned requests,
 * errors, cold/warm, elapsed and ETA. At most MAX_UPDATES_PER_SECOND redraws; a change that arrives
 * inside the quiet period is drawn at its end. Cleared at run-end. Not a terminal: does nothing,
 * since the run log's per-burst lines serve pipes and CI logs better than carriage returns.
 * Redraws set off by a timer wait until no dispatch is due (whenQuiet); those set off by a request
 * come from records, which are built in quiet time already.
 */

export const MAX_UPDATES_PER_SECOND = 10;
const MIN_REDRAW_INTERVAL_MS = 1000 / MAX_UPDATES_PER_SECOND;
/** Elapsed and ETA keep moving through long idle gaps (cold-start IATs are minutes) with no request to trigger a redraw. */
const IDLE_REDRAW_INTERVAL_MS = 1000;
const CLEAR_LINE = '\r\x1b[K';

/**
 * `now` is a monotonic clock in ms (performance.now in production, a fake in tests); `defer` runs
 * a timer's redraw when no dispatch is due (whenQuiet; at once in tests on fake timers).
 */
export function createProgress(stream: NodeJS.WriteStream, now: () => number, defer: (redraw: () => void) => void = whenQuiet): RunListener {
  if (!stream.isTTY) return () => {};

  let counts: { -readonly [K in keyof ProgressCounts]: ProgressCounts[K] } = { doneRequests: 0, plannedRequests: 0, errors: 0, cold: 0, warm: 0 };
  let plannedLastBurstMs = 0;
  let startedAtMs = 0;
  let anchor: ScheduleAnchor | null = null;
  let lastDrawnAtMs = Number.NEGATIVE_INFINITY;
  let trailing: NodeJS.Timeout | null = null;
  let ticker: NodeJS.Timeout | null = null;
  let running = false;

  const draw = (): void => {
    trailing = null;
    if (!running) return;
    const nowMs = now();
    lastDrawnAtMs = nowMs;
    const remainingMs = etaMs(plannedLastBurstMs, scheduleOffsetMs(nowMs, startedAtMs, anchor));
    stream.write(`${CLEAR_LINE}${progressLine(counts, nowMs - startedAtMs, remainingMs, stream.columns ?? null)}`);
  };

  const requestDraw = (): void => {
    if (!running || trailing !== null) return;
    const waitMs = lastDrawnAtMs + MIN_REDRAW_INTERVAL_MS - now();
    if (waitMs <= 0) draw();
    // unref: a pending redraw must never keep the process alive.
    else trailing = setTimeout(() => defer(draw), waitMs).unref();
  };

  return (event: RunEvent) => {
    switch (event.type) {
      case 'run-start':
        counts = { doneRequests: 0, plannedRequests: event.run.plannedRequests, errors: 0, cold: 0, warm: 0 };
        plannedLastBurstMs = event.run.plannedLastBurstMs;
        startedAtMs = now();
        anchor = null;
        running = true;
        ticker ??= setInterval(() => defer(requestDraw), IDLE_REDRAW_INTERVAL_MS).unref();
        requestDraw();
        return;
      case 'burst-start':
        anchor = { scheduledMs: event.scheduledMs, atMs: now() };
        return;
      case 'request':
        counts.doneRequests += 1;
        if (!event.record.ok) counts.errors += 1;
        if (event.record.requestClass === 'cold') counts.cold += 1;
        if (event.record.requestClass === 'warm') counts.warm += 1;
        requestDraw();
        return;
      case 'run-end':
        if (trailing !== null) clearTimeout(trailing);
        if (ticker !== null) clearInterval(ticker);
        trailing = null;
        ticker = null;
        running = false;
        stream.write(CLEAR_LINE);
        return;
      default:
        return;
    }
  };
}
