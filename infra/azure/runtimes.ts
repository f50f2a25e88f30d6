import { UserError } from '../../experiments/schema/user-error.js';
import { azureCapabilities } from './capabilities.js';

/**
 * faasbench runtime names as Azure spells them: siteConfig.linuxFxVersion for a Linux Function
 * App, and the worker that FUNCTIONS_WORKER_RUNTIME selects. Linux Consumption gets no language
 * versions after Node 22.
 */
const LINUX_FX_VERSIONS: Readonly<Record<string, string>> = {
  nodejs22: 'Node|22',
};

/** The same runtimes as Flex Consumption's functionAppConfig.runtime takes them. */
const FLEX_RUNTIMES: Readonly<Record<string, { readonly name: string; readonly version: string }>> = {
  nodejs22: { name: 'node', version: '22' },
};

export const WORKER_RUNTIME = 'node';

export function linuxFxVersion(runtime: string): string {
  const version = LINUX_FX_VERSIONS[runtime];
  if (version === undefined) {
    throw new UserError(`Runtime "${runtime}" is not available on azure; allowed is one of ${azureCapabilities.runtimes.join(', ')}.`);
  }
  return version;
}

export function flexRuntime(runtime: string): { readonly name: string; readonly version: string } {
  const found = FLEX_RUNTIMES[runtime];
  if (found === undefined) {
    throw new UserError(`Runtime "${runtime}" is not available on azure; allowed is one of ${azureCapabilities.runtimes.join(', ')}.`);
  }
  return found;
}
