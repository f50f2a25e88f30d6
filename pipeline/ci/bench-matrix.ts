import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** One scheduled benchmark job: one experiment file on one stack. */
export interface MatrixEntry {
  readonly experiment: string;
  readonly vendor: string;
}

/** Files that are not studies: the preview's smoke experiment. */
const NOT_STUDIES = ['smoke.json'];

/**
 * The scheduled benchmark's matrix: every study file of the enabled vendors
 * (`experiments/<vendor>/*.json`, smoke experiments left out), or exactly the files asked for.
 * Vendors must be enabled explicitly (a repository variable in CI), so a fork without accounts
 * schedules nothing.
 */
export async function benchMatrix(root: string, options: { vendors: readonly string[]; experiments: readonly string[] }): Promise<MatrixEntry[]> {
  if (options.experiments.length > 0) {
    return options.experiments.map((experiment) => ({ experiment, vendor: experiment.split('/')[1] ?? 'unknown' })).filter((e) => options.vendors.length === 0 || options.vendors.includes(e.vendor));
  }
  const entries: MatrixEntry[] = [];
  for (const vendor of options.vendors) {
    const files = await readdir(path.join(root, 'experiments', vendor)).catch(() => [] as string[]);
    for (const file of files.filter((f) => f.endsWith('.json') && !NOT_STUDIES.includes(f)).sort()) {
      entries.push({ experiment: `experiments/${vendor}/${file}`, vendor });
    }
  }
  return entries;
}
