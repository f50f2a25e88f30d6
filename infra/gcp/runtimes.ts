import { UserError } from '../../experiments/schema/user-error.js';
import { gcpCapabilities } from './capabilities.js';

export type GcpLanguage = 'nodejs' | 'python';

export interface GcpRuntime {
  /** Cloud Run functions' runtime id, as `buildConfig.runtime` takes it. */
  readonly runtimeId: string;
  /** Which package the runtime runs: one per language, whatever the version. */
  readonly language: GcpLanguage;
}

/** faasbench runtime names (capabilities.ts) to Cloud Run functions runtime ids. */
const RUNTIMES: Readonly<Record<string, GcpRuntime>> = {
  nodejs22: { runtimeId: 'nodejs22', language: 'nodejs' },
  nodejs24: { runtimeId: 'nodejs24', language: 'nodejs' },
  'python3.12': { runtimeId: 'python312', language: 'python' },
  'python3.13': { runtimeId: 'python313', language: 'python' },
};

export function gcpRuntime(runtime: string): GcpRuntime {
  const found = RUNTIMES[runtime];
  if (found === undefined) {
    throw new UserError(`Runtime "${runtime}" is not available on gcp; allowed is one of ${gcpCapabilities.runtimes.join(', ')}.`);
  }
  return found;
}
