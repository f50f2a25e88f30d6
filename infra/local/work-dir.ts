import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Layout of the platform's work folder:
 *   <workDir>/runtime/              bundled child entry points (kept, like a cache)
 *   <workDir>/platforms/<pid>-<id>/ one running platform; its instances unpack inside
 * A platform folder whose process is dead was left by a killed platform and may be removed.
 */
export function platformsRoot(workDir: string): string {
  return path.join(workDir, 'platforms');
}

export function runtimeDir(workDir: string): string {
  return path.join(workDir, 'runtime');
}

/** Clears what dead platforms left behind, then makes this platform's own folder. */
export async function makePlatformDir(workDir: string): Promise<string> {
  const root = platformsRoot(workDir);
  await mkdir(root, { recursive: true });
  await removeStalePlatformDirs(root);
  const dir = path.join(root, `${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(dir);
  return dir;
}

export async function removeStalePlatformDirs(root: string, isAlive: (pid: number) => boolean = processAlive): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(root)) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || isAlive(pid)) continue;
    await rm(path.join(root, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
