import type { VendorCapabilities } from '../capabilities.js';

/** Instance memory sizes the Flex Consumption plan sells (functionAppConfig.scaleAndConcurrency.instanceMemoryMB). */
export const FLEX_MEMORY_MB = [512, 2048, 4096] as const;

/** What every Function App on the Linux Consumption plan gets. */
export const CONSUMPTION_MEMORY_MB = 1536;

export const azureCapabilities: VendorCapabilities = {
  // Linux Consumption (Y1) gets no new language versions, so Node 24 will not appear there; Node 20
  // left support on 2026-04-30. Flex Consumption runs the same package, so the two plans share it.
  runtimes: ['nodejs22'],
  defaultRuntime: 'nodejs22',
  // The stack picks the plan (faasbench:azure.plan), so a file may ask for any size one of them
  // sells; `pulumi up` checks it against the stack's plan (infra/azure/plans.ts).
  memory: {
    kind: 'per-plan',
    planSetting: 'faasbench:azure.plan',
    defaultMb: CONSUMPTION_MEMORY_MB,
    plans: [
      {
        plan: 'consumption',
        label: 'Linux Consumption',
        rule: { kind: 'fixed', valueMb: CONSUMPTION_MEMORY_MB, why: 'Azure Functions on the Linux Consumption plan always get 1.5 GB' },
      },
      // https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan#instance-memory
      { plan: 'flex-consumption', label: 'Flex Consumption', rule: { kind: 'choices', valuesMb: FLEX_MEMORY_MB, defaultMb: 2048 } },
    ],
  },
  maxPackageMb: 1024,
  maxPackageWhy: 'Azure run-from-package accepts packages up to 1 GB',
  // One Function App per endpoint. On Linux Consumption each sub-experiment gets its own plan,
  // which holds at most 100 apps; on Flex Consumption every app has a plan of its own.
  maxParallelism: 100,
  maxSpinMs: 60_000,
  // The Functions host refuses request bodies over 100 MB (104,857,600 bytes).
  maxPayloadBytes: 100 * 1024 * 1024,
};
