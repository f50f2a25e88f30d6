import { type ConformanceExpectations, coreRuntimeLabel } from '../conformance-expectations.js';

export const awsConformance: ConformanceExpectations = {
  // Lambda serves one request per execution environment at a time.
  newInstanceOnConcurrency: true,
  clockAdvances: true,
  initEndKnown: true,
  reportedRuntime: coreRuntimeLabel,
};
