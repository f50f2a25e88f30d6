import { fileURLToPath } from 'node:url';
import { bundleEntry, type PackageRecipe } from '../packaging/index.js';
import { azureCapabilities } from './capabilities.js';

/**
 * The Function App package. Its root is wwwroot: host.json, a package.json whose `main` is the
 * bundle, and the bundle itself. Run-from-package apps get no remote build (no `npm install` on
 * Azure), so the bundle carries @azure/functions and everything else it imports.
 */

export const AZURE_RECIPE_ID = 'azure-nodejs-v4';
export const BUNDLE_NAME = 'measure.js';

const ENTRY = fileURLToPath(new URL('../../measurement-functions/azure/entry.ts', import.meta.url));

/**
 * The Node worker serves this module itself: it wraps Module.prototype.require so that
 * `require('@azure/functions-core')` returns its API. Bundled, the library would find nothing
 * and fall back to "test mode", registering no function. Left external, the bundle's plain
 * require reaches the worker's hook on Azure; in plain Node the library's try/catch turns the
 * missing module into that test mode (a warning, no registration), so the bundle still loads.
 */
export const WORKER_PROVIDED_MODULES = ['@azure/functions-core'] as const;

/** Room beyond the longest spin for reading the request and answering. */
const TIMEOUT_MARGIN_MS = 60_000;
/** The Consumption plan refuses a functionTimeout over 10 minutes. */
const CONSUMPTION_MAX_TIMEOUT_MS = 10 * 60_000;

export const FUNCTION_TIMEOUT_MS = azureCapabilities.maxSpinMs + TIMEOUT_MARGIN_MS;
if (FUNCTION_TIMEOUT_MS > CONSUMPTION_MAX_TIMEOUT_MS) {
  throw new Error(`Azure maxSpinMs ${azureCapabilities.maxSpinMs} leaves no room under the Consumption plan's 10-minute function timeout`);
}

/** host.json: no extensionBundle, since the HTTP trigger is built into the host. */
export function hostJson(): Record<string, unknown> {
  return { version: '2.0', functionTimeout: timeSpan(FUNCTION_TIMEOUT_MS) };
}

/** The package.json the worker reads. CommonJS, so the worker loads it with require(). */
export function packageJson(): Record<string, unknown> {
  return { name: 'faasbench-azure-measure', version: '1.0.0', private: true, type: 'commonjs', main: BUNDLE_NAME };
}

export const azurePackageRecipe: PackageRecipe = {
  id: AZURE_RECIPE_ID,
  async files() {
    return [
      { name: 'host.json', content: `${JSON.stringify(hostJson(), null, 2)}\n` },
      { name: 'package.json', content: `${JSON.stringify(packageJson(), null, 2)}\n` },
      { name: BUNDLE_NAME, content: await azureBundle() },
    ];
  },
};

let bundled: Promise<string> | undefined;

/** Bundled once per process: every package of the stack holds the same code. */
export function azureBundle(): Promise<string> {
  if (bundled === undefined) {
    bundled = bundleEntry(ENTRY, { format: 'cjs', platform: 'node', external: WORKER_PROVIDED_MODULES });
    // A failed bundle is not remembered: the next package tries again.
    bundled.catch(() => {
      bundled = undefined;
    });
  }
  return bundled;
}

/** "hh:mm:ss", the .NET TimeSpan form host.json expects. */
function timeSpan(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}
