import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../../../experiments/schema/user-error.js';
import { experimentSlug, runIdFor } from '../../results/run-folder.js';
import type { RunInputs } from '../run-inputs.js';

/**
 * Where a comparison goes and which runs may be compared. The folder sits next to the first run's
 * folder (results/<experiment>/comparison-<UTC second>-<suffix>) so it is found with the runs; its
 * comparison.json marks it, so passing it back to `npm run report` gets a clear message.
 */

export const COMPARISON_MARKER_FILE_NAME = 'comparison.json';
export const COMPARISON_FOLDER_PREFIX = 'comparison-';

/** The experiment a run belongs to: its title's slug, or the parent folder's name when the title is unknown. */
export function experimentKey(inputs: RunInputs): string {
  const title = inputs.document?.experiment?.title;
  return title === undefined ? path.basename(path.dirname(path.resolve(inputs.runDir))) : experimentSlug(title);
}

/** Throws a UserError naming the first folder that is a duplicate or a run of another experiment. */
export function requireComparableRuns(runs: readonly RunInputs[]): void {
  const first = runs[0];
  if (first === undefined) return;
  const seen = new Set<string>();
  for (const run of runs) {
    const resolved = path.resolve(run.runDir);
    if (seen.has(resolved)) throw new UserError(`${run.runDir}: is given twice; name each run folder once.`);
    seen.add(resolved);
    if (experimentKey(run) !== experimentKey(first)) {
      throw new UserError(
        `${run.runDir}: is a run of experiment "${experimentKey(run)}" but ${first.runDir} is a run of "${experimentKey(first)}"; ` +
          'a comparison needs runs of one experiment (report them separately).',
      );
    }
  }
}

/** Creates the comparison folder next to `firstRunDir`; never reuses an existing one. */
export async function createComparisonFolder(firstRunDir: string, now: Date, randomSuffix: string): Promise<string> {
  const dir = path.join(path.dirname(path.resolve(firstRunDir)), `${COMPARISON_FOLDER_PREFIX}${runIdFor(now, randomSuffix)}`);
  try {
    await mkdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`${dir}: cannot be created for the comparison (${String(code ?? error)}); check that ${path.dirname(dir)} is writable.`);
  }
  return dir;
}
