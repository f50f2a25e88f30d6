import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatPackaging } from './packaging-report.js';
import type { PackagingFigures, PackagingJob, PackagingSample } from './packaging-types.js';
import type { PerfSection } from './section.js';

/** Starts packaging-child.ts for one job (same loader flags as this process, so tsx applies). */
function runJob(job: PackagingJob, sizeMb: number, dir: string): Promise<PackagingSample> {
  const child = fork(new URL('./packaging-child.ts', import.meta.url), [job, String(sizeMb), dir], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let sample: PackagingSample | undefined;
    child.once('message', (message: PackagingSample) => {
      sample = message;
    });
    child.once('error', reject);
    child.once('exit', (code) => (sample === undefined ? reject(new Error(`packaging ${job} ${sizeMb} MiB exited with ${code}`)) : resolve(sample)));
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Builds a package of each size and, in the same run, writes the same number of filler bytes
 * straight to a file (the baseline), each in a fresh process, alternating so a busy machine
 * slows both alike. Medians of `repetitions`.
 */
export async function measurePackaging(sizesMb: readonly number[], repetitions: number): Promise<PackagingFigures[]> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-perf-packaging-'));
  try {
    const figures: PackagingFigures[] = [];
    for (const sizeMb of sizesMb) {
      const packaged: PackagingSample[] = [];
      const filler: PackagingSample[] = [];
      for (let i = 0; i < repetitions; i++) {
        filler.push(await runJob('filler', sizeMb, path.join(root, `filler-${sizeMb}-${i}`)));
        packaged.push(await runJob('package', sizeMb, path.join(root, `package-${sizeMb}-${i}`)));
      }
      figures.push({
        sizeMb,
        repetitions,
        packageBytes: (packaged[0] as PackagingSample).bytes,
        packageMs: median(packaged.map((s) => s.elapsedMs)),
        packageExtraBytes: median(packaged.map((s) => s.extraBytes)),
        fillerMs: median(filler.map((s) => s.elapsedMs)),
        fillerExtraBytes: median(filler.map((s) => s.extraBytes)),
      });
    }
    return figures;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Package sizes the perf script builds, and how often each. */
export const PACKAGING_SIZES_MB = [10, 100] as const;
export const PACKAGING_REPETITIONS = 3;

/** The packaging section of `npm run perf`, as printed. */
export const packagingSection: PerfSection = {
  name: 'packaging',
  description: `function packages of ${PACKAGING_SIZES_MB.join(' and ')} MB, ${PACKAGING_REPETITIONS} builds each, against writing the filler alone (~10 s)`,
  run: async () => formatPackaging(await measurePackaging(PACKAGING_SIZES_MB, PACKAGING_REPETITIONS)),
};
