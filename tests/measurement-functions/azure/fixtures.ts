export const TOKEN = 'stack-token-0123456789abcdef';

/** The FAASBENCH_* app settings the deploy would give a Function App, with small caps for tests. */
export const APP_ENV = {
  FAASBENCH_TOKEN: TOKEN,
  FAASBENCH_VENDOR: 'azure',
  FAASBENCH_REGION: 'westeurope',
  FAASBENCH_RUNTIME: 'nodejs22',
  FAASBENCH_MEMORY_MB: '1536',
  FAASBENCH_MAX_SPIN_MS: '1000',
  FAASBENCH_MAX_PAYLOAD_BYTES: '4096',
} as const;
