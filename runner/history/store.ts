import { copyFile, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../../experiments/schema/index.js';
import { writeFileAtomic } from '../results/index.js';
import { type HistoryEntry, HistoryEntry as HistoryEntrySchema } from './entry.js';

/**
 * The history store: a folder (a results branch in CI) holding `runs/<run id>.json` per run and
 * `reports/<run id>/report.html`, the run's own self-contained report. Run ids are unique
 * (start second + random suffix), so the file name is the deduplication key.
 */

export const RUNS_FOLDER = 'runs';
export const REPORTS_FOLDER = 'reports';

export function entryPath(store: string, runId: string): string {
  return path.join(store, RUNS_FOLDER, `${runId}.json`);
}

export async function hasEntry(store: string, runId: string): Promise<boolean> {
  return (await stat(entryPath(store, runId)).catch(() => null))?.isFile() === true;
}

export async function writeEntry(store: string, entry: HistoryEntry): Promise<void> {
  await mkdir(path.join(store, RUNS_FOLDER), { recursive: true });
  await writeFileAtomic(entryPath(store, entry.runId), `${JSON.stringify(entry)}\n`);
}

/** Copies the run's report into the store; returns its path relative to the store. */
export async function storeReport(store: string, runId: string, reportFile: string): Promise<string> {
  const relative = path.join(REPORTS_FOLDER, runId, 'report.html');
  await mkdir(path.join(store, REPORTS_FOLDER, runId), { recursive: true });
  await copyFile(reportFile, path.join(store, relative));
  return relative.split(path.sep).join('/');
}

/** Every entry of the store, parsed once here; a file that is not an entry is a UserError naming it. */
export async function readStore(store: string): Promise<HistoryEntry[]> {
  const dir = path.join(store, RUNS_FOLDER);
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UserError(`History store ${store} has no ${RUNS_FOLDER}/ folder; fill it with \`npm run history -- merge --into ${store} RESULTS...\`.`);
    }
    throw error;
  }
  const entries: HistoryEntry[] = [];
  for (const file of files) {
    const where = path.join(dir, file);
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(where, 'utf8'));
    } catch (error) {
      throw new UserError(`History entry ${where} is not valid JSON: ${(error as Error).message}.`);
    }
    const parsed = HistoryEntrySchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UserError(`History entry ${where} is not a faasbench history entry: ${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}.`);
    }
    entries.push(parsed.data);
  }
  return entries;
}
