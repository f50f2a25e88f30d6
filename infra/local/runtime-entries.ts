import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleEntry } from '../packaging/bundle.js';
import { runtimeDir } from './work-dir.js';

/** The bundled entry points of the platform's child processes. */
export interface RuntimeEntries {
  readonly platformMain: string;
  readonly instanceHost: string;
}

const SOURCES = {
  platformMain: fileURLToPath(new URL('./platform-main.ts', import.meta.url)),
  instanceHost: fileURLToPath(new URL('./instance-host.ts', import.meta.url)),
} as const;

const prepared = new Map<string, Promise<RuntimeEntries>>();

/**
 * Bundles the child-process entry points into `<workDir>/runtime/<name>-<hash>.mjs`, once per
 * process and work folder. Children must start with plain `node`: a TypeScript loader would
 * add its own start-up time to every cold start measured.
 */
export function prepareRuntimeEntries(workDir: string): Promise<RuntimeEntries> {
  const key = path.resolve(workDir);
  let entries = prepared.get(key);
  if (entries === undefined) {
    entries = bundleBoth(key);
    prepared.set(key, entries);
    entries.catch(() => prepared.delete(key));
  }
  return entries;
}

async function bundleBoth(workDir: string): Promise<RuntimeEntries> {
  const dir = runtimeDir(workDir);
  await mkdir(dir, { recursive: true });
  const [platformMain, instanceHost] = await Promise.all([
    writeBundle(dir, 'platform-main', SOURCES.platformMain),
    writeBundle(dir, 'instance-host', SOURCES.instanceHost),
  ]);
  return { platformMain, instanceHost };
}

/** Content-addressed, so a file under its final name is always complete and never rewritten. */
async function writeBundle(dir: string, name: string, source: string): Promise<string> {
  const code = await bundleEntry(source, { format: 'esm', platform: 'node' });
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const target = path.join(dir, `${name}-${hash}.mjs`);
  const exists = await access(target).then(() => true, () => false);
  if (!exists) {
    const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, code);
    await rename(temp, target);
  }
  return target;
}
