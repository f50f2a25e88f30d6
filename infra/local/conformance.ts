import type { ConformanceExpectations } from '../conformance-expectations.js';

export const localConformance: ConformanceExpectations = {
  // An instance is a child process serving one request at a time.
  newInstanceOnConcurrency: true,
  clockAdvances: true,
  initEndKnown: true,
  // `nodejs` is whatever Node.js runs faasbench.
  reportedRuntime: () => /^nodejs v\d+\./,
};
