/**
 * The run's monotonic clock. Every timestamp in a record is an offset in ms from one origin,
 * read from process.hrtime.bigint (ns) and kept as a float, so µs precision survives; the
 * origin's wall-clock time anchors the offsets for matching with platform logs.
 */

export interface RunClock {
  /** Milliseconds since the origin, with sub-µs fraction. */
  nowMs(): number;
  /** Epoch ms of offset 0 (performance.timeOrigin + performance.now() at the origin). */
  readonly originEpochMs: number;
}

export function createRunClock(): RunClock {
  const originNs = process.hrtime.bigint();
  const originEpochMs = performance.timeOrigin + performance.now();
  return {
    nowMs: () => Number(process.hrtime.bigint() - originNs) / 1e6,
    originEpochMs,
  };
}
