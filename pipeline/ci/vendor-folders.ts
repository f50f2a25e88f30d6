import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The vendors of this checkout, found on disk rather than listed anywhere: every `infra/<name>/`
 * with a `capabilities.ts` is a vendor, except the embedded local platform, which no stack
 * deploys. A new vendor folder is picked up by the workflows without editing them.
 */
export const NOT_DEPLOYED = ['local'];

export async function vendorFolders(root: string): Promise<string[]> {
  const infra = path.join(root, 'infra');
  const vendors: string[] = [];
  for (const entry of await readdir(infra, { withFileTypes: true })) {
    if (!entry.isDirectory() || NOT_DEPLOYED.includes(entry.name)) continue;
    if ((await stat(path.join(infra, entry.name, 'capabilities.ts')).catch(() => null))?.isFile() === true) vendors.push(entry.name);
  }
  return vendors.sort();
}

/** The preview's smoke experiment of a vendor: every vendor must have one. */
export function smokeExperiment(vendor: string): string {
  return `experiments/${vendor}/smoke.json`;
}
