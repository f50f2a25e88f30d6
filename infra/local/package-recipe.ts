import { fileURLToPath } from 'node:url';
import { UserError } from '../../experiments/schema/user-error.js';
import { bundleEntry } from '../packaging/bundle.js';
import type { PackageRecipe } from '../packaging/recipe.js';
import { localCapabilities } from './capabilities.js';

const HANDLER_SOURCE = fileURLToPath(new URL('../../measurement-functions/local/handler.ts', import.meta.url));

/**
 * The local platform's Node.js function: the local adapter and the measurement core bundled
 * into one `index.mjs` that exports `handle`, which the instance host imports.
 */
export const localNodeRecipe: PackageRecipe = {
  id: 'local-nodejs',
  files: async () => [{ name: 'index.mjs', content: await bundleEntry(HANDLER_SOURCE, { format: 'esm', platform: 'node' }) }],
};

export function localRecipeFor(runtime: string): PackageRecipe {
  if (runtime === 'nodejs') return localNodeRecipe;
  throw new UserError(`The local platform runs ${localCapabilities.runtimes.join(', ')}, not ${runtime}.`);
}
