import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { slugify } from '../../experiments/schema/slug.js';
import { UserError } from '../../experiments/schema/user-error.js';

/**
 * Each run gets its own folder, `<resultsRoot>/<experiment-slug>/<run-id>`, so runs never overwrite
 * each other and `ls` lists them in time order. The run id is the UTC start second with ':' replaced
 * (Windows forbids it in names) plus a random suffix for runs started within the same second:
 * `2026-11-23T14-05-12Z-3f9a`.
 */

export interface RunFolder {
  readonly dir: string;
  readonly runId: string;
}

const MAX_SLUG_LENGTH = 64;

/** The experiment title as a results folder name (see experiments/schema/slug.ts). */
export function experimentSlug(title: string): string {
  return slugify(title, MAX_SLUG_LENGTH);
}

export function runIdFor(now: Date, randomSuffix: string): string {
  if (!/^[a-z0-9]+$/.test(randomSuffix)) throw new RangeError(`run id suffix must be lower-case letters and digits, got ${JSON.stringify(randomSuffix)}`);
  const second = now.toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll(':', '-');
  return `${second}-${randomSuffix}`;
}

/** Creates the run's folder (and the experiment's folder if needed); refuses one that already exists. */
export async function createRunFolder(resultsRoot: string, experimentTitle: string, now: Date, randomSuffix: string): Promise<RunFolder> {
  const runId = runIdFor(now, randomSuffix);
  const experimentDir = path.join(resultsRoot, experimentSlug(experimentTitle));
  const dir = path.join(experimentDir, runId);
  try {
    await mkdir(experimentDir, { recursive: true });
  } catch (error) {
    throw cannotCreate(experimentDir, resultsRoot, error);
  }
  try {
    // Not recursive: EEXIST is how we learn the folder is taken.
    await mkdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UserError(`Results folder ${dir} already exists; faasbench never writes into an earlier run's folder. Start the run again for a new run id.`);
    }
    throw cannotCreate(dir, resultsRoot, error);
  }
  return { dir, runId };
}

function cannotCreate(dir: string, resultsRoot: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException).code;
  return new UserError(`Results folder ${dir} cannot be created: ${String(code ?? error)}. Check that ${resultsRoot} is a writable folder or choose another one.`);
}
