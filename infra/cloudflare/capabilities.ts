import type { VendorCapabilities } from '../capabilities.js';

export const cloudflareCapabilities: VendorCapabilities = {
  runtimes: ['workerd'],
  defaultRuntime: 'workerd',
  memory: { kind: 'fixed', valueMb: 128, why: 'every Cloudflare Worker isolate gets 128 MB' },
  // Since 2026-09-04 a Worker script may be 64 MiB uncompressed on every plan.
  maxPackageMb: 64,
  maxPackageWhy: 'Cloudflare Workers scripts are limited to 64 MiB uncompressed',
  maxParallelism: 500,
  // Workers have no wall-clock limit on Workers Paid, but CPU time is: every script is given
  // 30,000 ms explicitly (cpu-limits.ts), and the cap leaves 5 s of it for calibration error and
  // the handler's own work, so a spin the schema accepts never meets the platform's kill. Workers
  // Free allows 10 ms: a Free stack accepts spins of 0 only.
  maxSpinMs: 25_000,
  // Cloudflare's front end refuses larger request bodies (413) on the Free and Pro plans, which
  // workers.dev hosts are served under; the Worker counts the body as it streams, never holding it.
  maxPayloadBytes: 100_000_000,
};
