/**
 * Environment variables through which every platform passes a function its settings: Lambda
 * environment, Azure app settings, Cloud Functions environment, Worker bindings, and the local
 * platform's instance environment all use these names.
 */
export const ENV = {
  token: 'FAASBENCH_TOKEN',
  vendor: 'FAASBENCH_VENDOR',
  region: 'FAASBENCH_REGION',
  runtime: 'FAASBENCH_RUNTIME',
  memoryMb: 'FAASBENCH_MEMORY_MB',
  maxSpinMs: 'FAASBENCH_MAX_SPIN_MS',
  maxPayloadBytes: 'FAASBENCH_MAX_PAYLOAD_BYTES',
} as const;

export interface CoreConfig {
  readonly vendor: string;
  /** The faasbench runtime name this function was deployed as (e.g. "nodejs22"). */
  readonly runtime: string;
  readonly region: string;
  readonly memoryMb: number;
  /** The stack's secret token; requests without it are refused. */
  readonly token: string;
  /** Largest spin a request may cause, in ms. */
  readonly maxSpinMs: number;
  readonly maxPayloadBytes: number;
  /** False where the clock stands still during a request (workerd): spinMs is then refused. */
  readonly clockAdvances: boolean;
}

/** Reads CoreConfig from environment-like strings; throws naming the first missing variable. */
export function configFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  overrides: Partial<CoreConfig> = {},
): CoreConfig {
  const text = (name: string): string => {
    const value = env[name];
    if (value === undefined || value === '') throw new Error(`faasbench function: environment variable ${name} is not set`);
    return value;
  };
  const number = (name: string): number => {
    const value = Number(text(name));
    if (!Number.isFinite(value) || value < 0) throw new Error(`faasbench function: ${name} must be a non-negative number`);
    return value;
  };
  return {
    vendor: overrides.vendor ?? text(ENV.vendor),
    runtime: overrides.runtime ?? text(ENV.runtime),
    region: overrides.region ?? text(ENV.region),
    memoryMb: overrides.memoryMb ?? number(ENV.memoryMb),
    token: overrides.token ?? text(ENV.token),
    maxSpinMs: overrides.maxSpinMs ?? number(ENV.maxSpinMs),
    maxPayloadBytes: overrides.maxPayloadBytes ?? number(ENV.maxPayloadBytes),
    clockAdvances: overrides.clockAdvances ?? true,
  };
}
