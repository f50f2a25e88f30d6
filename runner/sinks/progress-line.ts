/**
 * The progress line's arithmetic and text, as pure functions of counts and clock readings, so they
 * are tested without a terminal.
 */

export interface ProgressCounts {
  readonly doneRequests: number;
  readonly plannedRequests: number;
  readonly errors: number;
  readonly cold: number;
  readonly warm: number;
}

/** When the last burst started (schedule offset and clock reading); null before the first one. */
export interface ScheduleAnchor {
  readonly scheduledMs: number;
  readonly atMs: number;
}

/**
 * Where the run is on its schedule (ms from the origin). The latest burst-start ties the schedule to
 * the clock, so calibration or a late start before the first burst does not skew the ETA; before any
 * burst the time since run-start stands in.
 */
export function scheduleOffsetMs(nowMs: number, startedAtMs: number, anchor: ScheduleAnchor | null): number {
  return anchor === null ? nowMs - startedAtMs : anchor.scheduledMs + (nowMs - anchor.atMs);
}

/** Time until the last burst is due; 0 once it is (its responses may still be outstanding). */
export function etaMs(plannedLastBurstMs: number, offsetMs: number): number {
  return Math.max(0, plannedLastBurstMs - offsetMs);
}

/** 7s, 1m05s, 2h03m: compact, for a line that is rewritten several times a second. */
export function compactDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  if (totalSeconds < 60) return `${totalSeconds}s`;
  if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)}m${String(totalSeconds % 60).padStart(2, '0')}s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  return `${Math.floor(totalMinutes / 60)}h${String(totalMinutes % 60).padStart(2, '0')}m`;
}

/** e.g. `412/1000 requests (41%) · 3 errors · cold 12 · warm 397 · 1m05s elapsed · ETA 2m10s`, cut to `columns`. */
export function progressLine(counts: ProgressCounts, elapsedMs: number, remainingMs: number, columns: number | null): string {
  const percent = counts.plannedRequests === 0 ? 100 : Math.floor((100 * counts.doneRequests) / counts.plannedRequests);
  const eta = remainingMs > 0 ? `ETA ${compactDuration(remainingMs)}` : 'last burst sent';
  const line = [
    `${counts.doneRequests}/${counts.plannedRequests} requests (${percent}%)`,
    `${counts.errors} error${counts.errors === 1 ? '' : 's'}`,
    `cold ${counts.cold}`,
    `warm ${counts.warm}`,
    `${compactDuration(elapsedMs)} elapsed`,
    eta,
  ].join(' · ');
  // One column short of the width: a full-width line wraps on some terminals and breaks the \r rewrite.
  return columns === null || line.length < columns ? line : line.slice(0, Math.max(0, columns - 1));
}
