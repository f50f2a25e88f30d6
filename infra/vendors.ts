import { awsCapabilities } from './aws/capabilities.js';
import { azureCapabilities } from './azure/capabilities.js';
import type { VendorCapabilities } from './capabilities.js';
import { cloudflareCapabilities } from './cloudflare/capabilities.js';
import { gcpCapabilities } from './gcp/capabilities.js';
import { localCapabilities } from './local/capabilities.js';

export const VENDORS = ['local', 'aws', 'azure', 'gcp', 'cloudflare'] as const;
export type Vendor = (typeof VENDORS)[number];
export type CloudVendor = Exclude<Vendor, 'local'>;

export const CAPABILITIES: Readonly<Record<Vendor, VendorCapabilities>> = {
  local: localCapabilities,
  aws: awsCapabilities,
  azure: azureCapabilities,
  gcp: gcpCapabilities,
  cloudflare: cloudflareCapabilities,
};
