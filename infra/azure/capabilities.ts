import type { VendorCapabilities } from '../capabilities.js';

export const azureCapabilities: VendorCapabilities = {
  // Linux Consumption (Y1) gets no new language versions, so Node 24 will not appear there; Node 20
  // left support on 2026-04-30.
  runtimes: ['nodejs22'],
  defaultRuntime: 'nodejs22',
  memory: {
    kind: 'fixed',
    valueMb: 1536,
    why: 'Azure Functions on the Linux Consumption plan always get 1.5 GB',
  },
  maxPackageMb: 1024,
  maxPackageWhy: 'Azure run-from-package accepts packages up to 1 GB',
  // One Function App per endpoint, and each sub-experiment gets its own Consumption plan, which
  // holds at most 100 apps.
  maxParallelism: 100,
  maxSpinMs: 60_000,
  // The Functions host refuses request bodies over 100 MB (104,857,600 bytes).
  maxPayloadBytes: 100 * 1024 * 1024,
};
