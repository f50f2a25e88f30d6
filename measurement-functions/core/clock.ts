/**
 * Time as the measurement core sees it. Injected so tests can fix it; the default uses
 * globalThis.performance, which Node, workerd and browsers all have (no `node:` import here:
 * the core is bundled into every vendor's function).
 */
export interface CoreClock {
  /** Wall-clock epoch ms with sub-ms fraction where the runtime has it. */
  epochMs(): number;
  /** Monotonic ms for measuring spans. */
  monotonicMs(): number;
}

export const systemClock: CoreClock = {
  epochMs: () => performance.timeOrigin + performance.now(),
  monotonicMs: () => performance.now(),
};

export const randomInstanceId = (): string => crypto.randomUUID();
