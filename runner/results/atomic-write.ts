import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes a file so that readers (and a run killed halfway) only ever see the old or the new
 * content, never a torn one: write a sibling temp file, then rename over the target.
 */
export async function writeFileAtomic(filePath: string, text: string): Promise<void> {
  const tempPath = `${filePath}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tempPath, text, 'utf8');
    await rename(tempPath, filePath);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
}
