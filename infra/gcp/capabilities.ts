import type { VendorCapabilities } from '../capabilities.js';

export const gcpCapabilities: VendorCapabilities = {
  // Cloud Run functions decommissioned nodejs20 on 2026-10-30: no new functions on it since.
  runtimes: ['nodejs22', 'nodejs24', 'python3.12', 'python3.13'],
  defaultRuntime: 'nodejs22',
  // Cloud Functions 2nd gen memory sizes that need no explicit CPU setting.
  memory: { kind: 'choices', valuesMb: [128, 256, 512, 1024, 2048, 4096], defaultMb: 512 },
  maxPackageMb: 1024,
  maxPackageWhy: 'faasbench keeps Cloud Build source uploads at or below 1 GiB',
  maxParallelism: 500,
  maxSpinMs: 60_000,
  maxPayloadBytes: 6 * 1024 * 1024,
};
