import { type ConformanceExpectations, coreRuntimeLabel } from '../conformance-expectations.js';

export const gcpConformance: ConformanceExpectations = {
  // faasbench deploys Cloud Run functions with maxInstanceRequestConcurrency 1.
  newInstanceOnConcurrency: true,
  clockAdvances: true,
  initEndKnown: true,
  reportedRuntime: coreRuntimeLabel,
};
