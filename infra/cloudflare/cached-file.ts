import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createDigestTap } from '../packaging/digest-tap.js';

/** A module file as the WorkersScript resource uploads it: path, exact size and content hash. */
export interface ModuleFile {
  readonly path: string;
  readonly bytes: number;
  /** Hex sha256 of the content: the resource's contentSha256, which decides whether it re-uploads. */
  readonly sha256: string;
}

/**
 * Returns the cached file `name` in `cacheDir` when it is complete, else writes it from `chunks`
 * (streamed: never whole in memory) and hashes it on the way. The file is renamed into place
 * after its sidecar record, so a file under its final name is always complete and a hit costs a
 * stat and a small read, not a hash of up to 64 MiB.
 */
export async function cachedFile(cacheDir: string, name: string, chunks: () => Iterable<Uint8Array>): Promise<ModuleFile> {
  // Absolute: the path is handed to the Cloudflare provider, which reads it from its own working folder.
  const filePath = path.resolve(cacheDir, name);
  const recordPath = `${filePath}.json`;
  const cached = await readRecord(filePath, recordPath);
  if (cached !== null) return cached;

  await mkdir(cacheDir, { recursive: true });
  const suffix = `${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const temp = `${filePath}.${suffix}`;
  const recordTemp = `${recordPath}.${suffix}`;
  const tap = createDigestTap();
  try {
    await pipeline(chunks, tap.stream, createWriteStream(temp));
    const record: ModuleFile = { path: filePath, bytes: tap.bytes(), sha256: tap.sha256() };
    await writeFile(recordTemp, JSON.stringify({ bytes: record.bytes, sha256: record.sha256 }));
    await rename(recordTemp, recordPath);
    await rename(temp, filePath);
    return record;
  } finally {
    await Promise.all([rm(temp, { force: true }), rm(recordTemp, { force: true })]);
  }
}

async function readRecord(filePath: string, recordPath: string): Promise<ModuleFile | null> {
  try {
    const record = JSON.parse(await readFile(recordPath, 'utf8')) as { bytes?: unknown; sha256?: unknown };
    const { size } = await stat(filePath);
    if (typeof record.bytes !== 'number' || typeof record.sha256 !== 'string' || size !== record.bytes) return null;
    return { path: filePath, bytes: record.bytes, sha256: record.sha256 };
  } catch {
    return null;
  }
}
