import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bundleEntry, type PackageRecipe } from '../packaging/index.js';
import type { AdapterKind } from './runtimes.js';

const source = (relative: string): string => fileURLToPath(new URL(`../../measurement-functions/${relative}`, import.meta.url));

const SOURCES = {
  nodeHandler: source('aws/handler.ts'),
  pythonAdapter: source('aws/python/lambda_function.py'),
  pythonCore: source('python/faasbench_core.py'),
} as const;

/**
 * The Node adapter and the measurement core bundled into one ES module, `index.mjs`, so the
 * package needs no node_modules and Lambda loads a single file on a cold start.
 */
export const nodeRecipe: PackageRecipe = {
  id: 'aws-nodejs',
  async files() {
    const code = await bundleEntry(SOURCES.nodeHandler, { format: 'esm', platform: 'node' });
    return [{ name: 'index.mjs', content: code }];
  },
};

/** The Python adapter and an unchanged copy of the shared Python core, side by side. */
export const pythonRecipe: PackageRecipe = {
  id: 'aws-python',
  async files() {
    const [adapter, core] = await Promise.all([readFile(SOURCES.pythonAdapter), readFile(SOURCES.pythonCore)]);
    return [
      { name: 'lambda_function.py', content: adapter },
      { name: 'faasbench_core.py', content: core },
    ];
  },
};

export const RECIPES: Readonly<Record<AdapterKind, PackageRecipe>> = { nodejs: nodeRecipe, python: pythonRecipe };
