import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../../experiments/schema/user-error.js';
import { bundleEntry, type PackageFile, type PackageRecipe } from '../packaging/index.js';
import type { GcpLanguage } from './runtimes.js';

const FRAMEWORK = '@google-cloud/functions-framework';
const source = (relative: string): string => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

/**
 * The Node.js package: the adapter bundled into `index.js` with the Functions Framework left
 * out, and a package.json naming it. Cloud Build runs `npm install` on the package, so the
 * framework is pinned to the version installed here, the one the adapter is tested against.
 */
export const nodeRecipe: PackageRecipe = {
  id: 'gcp-nodejs',
  async files(): Promise<PackageFile[]> {
    const [code, frameworkVersion] = await Promise.all([
      bundleEntry(source('measurement-functions/gcp/index.ts'), { format: 'cjs', platform: 'node', external: [FRAMEWORK] }),
      installedVersion(FRAMEWORK),
    ]);
    const manifest = {
      name: 'faasbench-measure',
      version: '1.0.0',
      private: true,
      type: 'commonjs',
      main: 'index.js',
      dependencies: { [FRAMEWORK]: frameworkVersion },
    };
    return [
      { name: 'index.js', content: code },
      { name: 'package.json', content: `${JSON.stringify(manifest, null, 2)}\n` },
    ];
  },
};

/**
 * The Functions Framework for Python that the package pins. Cloud Run functions would install the
 * newest one itself when the package lists none, so two deploys a month apart could run
 * different framework code; pinned, a deploy is reproducible. Bump it deliberately (PyPI
 * `functions-framework`), and the package hash changes with it.
 */
export const PYTHON_FUNCTIONS_FRAMEWORK = 'functions-framework==3.10.2';

/**
 * The Python package: `main.py`, the shared core beside it, and a requirements.txt that pins the
 * Functions Framework. The adapter itself needs nothing outside the standard library.
 */
export const pythonRecipe: PackageRecipe = {
  id: 'gcp-python',
  async files(): Promise<PackageFile[]> {
    const [main, core] = await Promise.all([
      readFile(source('measurement-functions/gcp/main.py')),
      readFile(source('measurement-functions/python/faasbench_core.py')),
    ]);
    return [
      { name: 'main.py', content: main },
      { name: 'faasbench_core.py', content: core },
      { name: 'requirements.txt', content: `${PYTHON_FUNCTIONS_FRAMEWORK}\n` },
    ];
  },
};

export function recipeFor(language: GcpLanguage): PackageRecipe {
  return language === 'nodejs' ? nodeRecipe : pythonRecipe;
}

/**
 * The installed version of `name`. Its package.json is not in the package's `exports`, so it
 * is found by walking up from the resolved entry file.
 */
async function installedVersion(name: string): Promise<string> {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(name);
  } catch {
    throw new UserError(`${name} is not installed; run \`npm install\` in the faasbench folder (Google Cloud packages pin its version).`);
  }
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = await readFile(path.join(dir, 'package.json'), 'utf8').catch(() => null);
    if (manifest === null) continue;
    const parsed = JSON.parse(manifest) as { name?: string; version?: string };
    if (parsed.name === name && typeof parsed.version === 'string') return parsed.version;
  }
  throw new Error(`no package.json with a version found above ${entry}`);
}
