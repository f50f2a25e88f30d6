import { readFile } from 'node:fs/promises';

let cached: string | undefined;

/** faasbench's version from its package.json, recorded with every result. */
export async function toolVersion(): Promise<string> {
  if (cached === undefined) {
    const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
    cached = (JSON.parse(text) as { version: string }).version;
  }
  return cached;
}
