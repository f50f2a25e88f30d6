import type { ConformanceExpectations } from '../conformance-expectations.js';

export const cloudflareConformance: ConformanceExpectations = {
  // One isolate serves many requests at once.
  newInstanceOnConcurrency: false,
  // A Worker's clock stands still while it computes: serviceTimeMs is null, spinMs is refused,
  // and calibration is timed by the client.
  clockAdvances: false,
  initEndKnown: false,
  // workerd reports its user agent.
  reportedRuntime: () => /^Cloudflare-Workers/,
};
