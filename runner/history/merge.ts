import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildEntry } from './build-entry.js';
import { hasEntry, storeReport, writeEntry } from './store.js';

export interface MergeReport {
  readonly added: readonly string[];
  /** Run ids already in the store (a re-downloaded artifact, a re-run merge job). */
  readonly duplicates: readonly string[];
  /** Folders that looked like runs but could not be read, with why. */
  readonly skipped: readonly { readonly dir: string; readonly why: string }[];
}

/** How deep below a source folder run folders are looked for (artifact/<stack>/<experiment>/<run>). */
const MAX_DEPTH = 6;

/**
 * Folds run folders found under `sources` (results folders, downloaded CI artifacts) into the
 * store, one entry per run id; a run id already there is left as it is. A run folder is one
 * holding experiment.resolved.json and latencies.csv.
 */
export async function mergeIntoHistory(store: string, sources: readonly string[]): Promise<MergeReport> {
  const added: string[] = [];
  const duplicates: string[] = [];
  const skipped: { dir: string; why: string }[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    for (const runDir of await findRunFolders(source, MAX_DEPTH)) {
      try {
        // The run id first (one small file): a duplicate costs no CSV reading.
        const runId = await runIdOf(runDir);
        if (seen.has(runId) || (await hasEntry(store, runId))) {
          duplicates.push(runId);
          continue;
        }
        seen.add(runId);
        const draft = await buildEntry(runDir, null);
        const reportFile = path.join(runDir, 'report.html');
        const report = (await stat(reportFile).catch(() => null))?.isFile() === true ? await storeReport(store, draft.runId, reportFile) : null;
        await writeEntry(store, { ...draft, report });
        added.push(draft.runId);
      } catch (error) {
        skipped.push({ dir: runDir, why: (error as Error).message });
      }
    }
  }
  return { added, duplicates, skipped };
}

async function findRunFolders(dir: string, depth: number): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const names = new Set(entries.map((e) => e.name));
  if (names.has('experiment.resolved.json') && names.has('latencies.csv')) return [dir];
  if (depth === 0) return [];
  const found: string[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    found.push(...(await findRunFolders(path.join(dir, entry.name), depth - 1)));
  }
  return found;
}

async function runIdOf(runDir: string): Promise<string> {
  const resolved = JSON.parse(await readFile(path.join(runDir, 'experiment.resolved.json'), 'utf8')) as { runId?: unknown };
  return typeof resolved.runId === 'string' ? resolved.runId : path.basename(runDir);
}
