/**
 * Time as the measurement core sees it. Injected so tests can fix it; the default uses
 * globalThis.performance, which Node, workerd and browsers all have (no `node:` import here:
 * the core is bundled into every vendor's function).
 */
export interface SpanClock {
  /** Wall-clock epoch ms with sub-ms fraction where the runtime has it. */
  epochMs(): number;
  /** Monotonic ms for measuring spans. */
  monotonicMs(): number;
}

export interface CoreClock extends SpanClock {
  /**
   * Epoch ms when the process running the function started, or null where the runtime does not
   * expose it.
   */
  processStartedAtMs(): number | null;
}

export const systemClock: CoreClock = {
  epochMs: () => performance.timeOrigin + performance.now(),
  monotonicMs: () => performance.now(),
  // Node: "the high resolution millisecond timestamp at which the current node process began"
  // (https://nodejs.org/api/perf_hooks.html#performancetimeorigin). workerd uses the Unix epoch
  // itself as time origin, so 0 there means "not exposed", not 1970.
  processStartedAtMs: () => (performance.timeOrigin > 0 ? performance.timeOrigin : null),
};

export const randomInstanceId = (): string => crypto.randomUUID();
