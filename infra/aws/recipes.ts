import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bundleEntry, type PackageRecipe } from '../packaging/index.js';
import { S3_STORE_FILE, S3_STORE_MODULE } from '../../measurement-functions/aws/s3-store-module.js';
import type { AdapterKind } from './runtimes.js';

const source = (relative: string): string => fileURLToPath(new URL(`../../measurement-functions/${relative}`, import.meta.url));

const SOURCES = {
  nodeHandler: source('aws/handler.ts'),
  s3Store: source('storage/aws-s3.ts'),
  pythonAdapter: source('aws/python/lambda_function.py'),
  pythonCore: source('python/faasbench_core.py'),
} as const;

/** What every Lambda Node.js runtime ships (nodejs18.x and later): the storage hops' SDK. */
export const RUNTIME_PROVIDED = ['@aws-sdk/client-s3'] as const;

/**
 * The Node adapter and the measurement core bundled into one ES module, `index.mjs`, so the
 * package needs no node_modules and Lambda loads a single file on a cold start. Beside it,
 * `s3-store.mjs`: the S3 client of storage chains, with the SDK left to the runtime (bundled, the
 * SDK would add about 590 kB). Only a storage hop imports it, during Init.
 */
export const nodeRecipe: PackageRecipe = {
  id: 'aws-nodejs',
  async files() {
    const [handler, s3Store] = await Promise.all([
      bundleEntry(SOURCES.nodeHandler, { format: 'esm', platform: 'node', external: [S3_STORE_MODULE] }),
      bundleEntry(SOURCES.s3Store, { format: 'esm', platform: 'node', external: [...RUNTIME_PROVIDED] }),
    ]);
    return [
      { name: 'index.mjs', content: handler },
      { name: S3_STORE_FILE, content: s3Store },
    ];
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
