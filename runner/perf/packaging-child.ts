/**
 * Child-process entry of the packaging perf section: does one job in a fresh process, so its peak
 * resident memory belongs to that job alone, and reports over IPC. argv: <job> <size MiB> <folder>.
 *
 * Jobs: `package` builds a filler-padded package with the real packager (cache empty, so it is
 * really built); `filler` writes the same number of filler bytes straight to a file, the floor
 * any packager must pay (generating the filler and writing it).
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { buildPackage, fillerChunks, MIB_BYTES, type PackageRecipe } from '../../infra/packaging/index.js';
import type { PackagingJob, PackagingSample } from './packaging-types.js';

/** A few kB of code, as the real recipes give: the filler is what costs. */
const RECIPE: PackageRecipe = {
  id: 'perf-packaging',
  files: async () => [
    { name: 'index.mjs', content: 'export const handle = () => ({ status: 200 });\n'.repeat(100) },
    { name: 'package.json', content: '{"name":"perf","version":"1.0.0"}\n' },
  ],
};

async function run(job: PackagingJob, sizeMb: number, dir: string): Promise<number> {
  if (job === 'package') return (await buildPackage({ recipe: RECIPE, packageSizeMb: sizeMb, cacheDir: dir })).bytes;
  const bytes = Math.round(sizeMb * MIB_BYTES);
  await pipeline(fillerChunks(bytes), createWriteStream(path.join(dir, 'filler.bin')));
  return bytes;
}

async function main(): Promise<void> {
  const [job, size, dir] = process.argv.slice(2);
  if ((job !== 'package' && job !== 'filler') || size === undefined || dir === undefined) {
    throw new Error('usage: packaging-child <package|filler> <size MiB> <folder>');
  }
  await mkdir(dir, { recursive: true });
  // Everything this job needs is loaded by now; what it adds from here on is the job's own.
  const rssBeforeBytes = process.memoryUsage.rss();
  const startedMs = performance.now();
  const bytes = await run(job, Number(size), dir);
  const elapsedMs = performance.now() - startedMs;
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  await rm(dir, { recursive: true, force: true });
  const sample: PackagingSample = { job, sizeMb: Number(size), bytes, elapsedMs, extraBytes: Math.max(0, peakRssBytes - rssBeforeBytes) };
  process.send?.(sample);
}

main().catch((error: unknown) => {
  process.stderr.write(`packaging-child: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
