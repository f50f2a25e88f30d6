import type { VendorCapabilities } from '../capabilities.js';

export const localCapabilities: VendorCapabilities = {
  // `nodejs` is whatever Node.js runs faasbench.
  runtimes: ['nodejs'],
  defaultRuntime: 'nodejs',
  // The local platform turns memoryMb into the instance's V8 heap limit (--max-old-space-size).
  memory: { kind: 'range', minMb: 64, maxMb: 16_384, defaultMb: 512 },
  maxPackageMb: 1024,
  maxPackageWhy: 'the local platform extracts every package per instance into the temp folder',
  maxParallelism: 64,
  maxSpinMs: 10_000,
  maxPayloadBytes: 6 * 1024 * 1024,
};
