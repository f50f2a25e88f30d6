import { awsConformance } from './aws/conformance.js';
import { azureConformance } from './azure/conformance.js';
import { cloudflareConformance } from './cloudflare/conformance.js';
import type { ConformanceExpectations } from './conformance-expectations.js';
import { gcpConformance } from './gcp/conformance.js';
import { localConformance } from './local/conformance.js';
import type { Vendor } from './vendors.js';

/** Each vendor's conformance expectations, next to CAPABILITIES (infra/vendors.ts). */
export const CONFORMANCE: Readonly<Record<Vendor, ConformanceExpectations>> = {
  local: localConformance,
  aws: awsConformance,
  azure: azureConformance,
  gcp: gcpConformance,
  cloudflare: cloudflareConformance,
};

export { type ConformanceExpectations, coreRuntimeLabel } from './conformance-expectations.js';
