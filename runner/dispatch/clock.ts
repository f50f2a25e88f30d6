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

/**
 * `originEpochMs` given: a clock on an earlier process's timeline (a resumed run). This process's
 * monotonic clock is mapped onto it through the wall clock, once, so offsets continue across the
 * gap; they then carry any difference between the two wall-clock readings.
 */
export function createRunClock(originEpochMs?: number): RunClock {
  const originNs = process.hrtime.bigint();
  const nowEpochMs = performance.timeOrigin + performance.now();
  const offsetMs = originEpochMs === undefined ? 0 : nowEpochMs - originEpochMs;
  return {
    nowMs: () => Number(process.hrtime.bigint() - originNs) / 1e6 + offsetMs,
    originEpochMs: originEpochMs ?? nowEpochMs,
  };
}
