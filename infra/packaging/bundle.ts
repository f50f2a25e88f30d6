import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface BundleOptions {
  readonly format: 'esm' | 'cjs';
  readonly platform: 'node' | 'browser' | 'neutral';
  /** Packages left as imports, e.g. what the vendor's runtime provides. */
  readonly external?: readonly string[];
  readonly minify?: boolean;
}

/**
 * The project root: esbuild writes source paths into its output comments relative to its working
 * directory, so fixing it here makes a bundle the same whatever folder faasbench runs from.
 */
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * An ES module bundled for Node cannot `require` the CommonJS dependencies it inlines unless a
 * `require` exists; esbuild's shim looks for one in scope.
 */
const NODE_ESM_REQUIRE = "import { createRequire as __faasbenchCreateRequire } from 'node:module';\nconst require = __faasbenchCreateRequire(import.meta.url);";

/**
 * Bundles `entryPath` and everything it imports into one file, returned as text: the code of a
 * function package, or a child-process entry point that must start with plain `node`.
 */
export async function bundleEntry(entryPath: string, options: BundleOptions): Promise<string> {
  const result = await build({
    entryPoints: [entryPath],
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    write: false,
    format: options.format,
    platform: options.platform,
    target: 'node20',
    external: [...(options.external ?? [])],
    minify: options.minify ?? false,
    sourcemap: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    banner: options.format === 'esm' && options.platform === 'node' ? { js: NODE_ESM_REQUIRE } : {},
  });
  const output = result.outputFiles?.[0];
  if (output === undefined) throw new Error(`esbuild produced no output for ${entryPath}`);
  return output.text;
}
