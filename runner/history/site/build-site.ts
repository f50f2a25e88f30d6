import { copyFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../results/index.js';
import type { HistoryEntry } from '../entry.js';
import { buildHistory } from '../series.js';
import { readStore } from '../store.js';
import { historyPage } from './site-html.js';

export interface SiteResult {
  readonly indexPath: string;
  readonly runs: number;
  readonly studies: number;
  readonly changes: number;
  /** Reports copied next to the page (the latest run of each study). */
  readonly reports: number;
}

/**
 * Builds the static site from a history store: `index.html` (self-contained, strict CSP, no
 * network) and `reports/<run id>/report.html` for the latest run of each study, which the page
 * links. Everything else about a run is in the store.
 */
export async function buildHistorySite(store: string, outDir: string, now: Date = new Date()): Promise<SiteResult> {
  const entries = await readStore(store);
  const history = buildHistory(entries);
  await mkdir(outDir, { recursive: true });
  const linked = new Map<string, string>();
  for (const { studies } of history.vendors) {
    for (const study of studies) {
      const latest = study.runs.at(-1) as HistoryEntry;
      if (latest.report === null) continue;
      const source = path.join(store, latest.report);
      if ((await stat(source).catch(() => null))?.isFile() !== true) continue;
      const relative = `reports/${latest.runId}/report.html`;
      await mkdir(path.join(outDir, 'reports', latest.runId), { recursive: true });
      await copyFile(source, path.join(outDir, relative));
      linked.set(latest.runId, relative);
    }
  }
  const indexPath = path.join(outDir, 'index.html');
  await writeFileAtomic(indexPath, historyPage(history, { generatedAt: now, reportHref: (entry) => linked.get(entry.runId) ?? null }));
  return {
    indexPath,
    runs: history.runCount,
    studies: history.vendors.reduce((n, v) => n + v.studies.length, 0),
    changes: history.changes.length,
    reports: linked.size,
  };
}
