/**
 * Settings a chain function reads to reach its store, set by the stack next to the FAASBENCH_*
 * settings of measurement-functions/core/config.ts. Which ones a function gets depends on its
 * vendor; secrets (the SAS, the local store token) travel the way the token does (Lambda
 * environment, Azure app setting, Cloud Functions environment, local instance environment).
 */
export const STORE_ENV = {
  /** S3 bucket (AWS) or Cloud Storage bucket (Google). */
  bucket: 'FAASBENCH_STORE_BUCKET',
  /** Azure: https://<account>.blob.core.windows.net/<container>, no query. */
  containerUrl: 'FAASBENCH_STORE_CONTAINER_URL',
  /** Azure: the container-scoped service SAS (query string without '?'); a secret. */
  sas: 'FAASBENCH_STORE_SAS',
  /** Local platform: the object store's base URL and token (a secret). */
  url: 'FAASBENCH_STORE_URL',
  token: 'FAASBENCH_STORE_TOKEN',
  /** Longest one storage call may take, in ms; DEFAULT_STORE_TIMEOUT_MS when unset. */
  timeoutMs: 'FAASBENCH_STORE_TIMEOUT_MS',
} as const;

/** Cloudflare: the R2 bucket arrives as this binding on `env`, not as a string. */
export const R2_BINDING = 'TRANSFER_BUCKET';

export const DEFAULT_STORE_TIMEOUT_MS = 60_000;

type Env = Readonly<Record<string, string | undefined>>;

/** The named setting; throws naming it when it is missing. */
export function requiredSetting(env: Env, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new Error(`faasbench function: environment variable ${name} is not set`);
  return value;
}

export function storeTimeoutMs(env: Env): number {
  const text = env[STORE_ENV.timeoutMs];
  if (text === undefined || text === '') return DEFAULT_STORE_TIMEOUT_MS;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`faasbench function: ${STORE_ENV.timeoutMs} must be a positive number of ms`);
  return value;
}
