import type { ResolvedSubExperiment } from '../../../experiments/schema/index.js';

/** A resolved sub-experiment with small defaults; `overrides` set what a test is about. */
export function subFixture(overrides: Partial<ResolvedSubExperiment> = {}): ResolvedSubExperiment {
  return {
    index: 0,
    title: 'sub',
    bursts: 4,
    burstSizes: [1],
    iat: { distribution: 'fixed', ms: 100 },
    desiredServiceTimesMs: [0],
    serviceTimeOrder: 'cycle',
    parallelism: 1,
    runtime: 'nodejs20',
    memoryMb: 128,
    packageSizeMb: 0,
    payloadBytes: 0,
    connection: 'fresh',
    requestTimeoutMs: 1000,
    coldThresholdMs: null,
    preinitThresholdMs: 10_000,
    addressFamily: 'ipv4',
    chain: null,
    ...overrides,
  };
}
