import { type ConformanceExpectations, coreRuntimeLabel } from '../conformance-expectations.js';

export const azureConformance: ConformanceExpectations = {
  // a Function App instance serves many requests at once.
  newInstanceOnConcurrency: false,
  clockAdvances: true,
  initEndKnown: true,
  reportedRuntime: coreRuntimeLabel,
};
