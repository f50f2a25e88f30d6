/**
 * `npm run perf:history`: how long merging and building the site take for a few hundred runs.
 * Makes RUNS synthetic runs (4 vendors × 5 studies, two sub-experiments each with 25 cold and 400
 * warm requests, one shift injected per study), then times `merge` and `site`. Prints figures,
 * never fails on a busy machine.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildHistorySite } from './site/build-site.js';
import { mergeIntoHistory } from './merge.js';
import { writeSyntheticRun } from './synthetic-runs.js';

const RUNS = Number(process.env['FAASBENCH_PERF_RUNS'] ?? 300);
const VENDORS = ['aws', 'azure', 'gcp', 'cloudflare'];
const STUDIES = ['cold-baseline', 'warm-baseline', 'image-size', 'burst-size', 'runtimes'];

const base = await mkdtemp(path.join(os.tmpdir(), 'faasbench-history-perf-'));
try {
  const results = path.join(base, 'results');
  const perStudy = Math.ceil(RUNS / (VENDORS.length * STUDIES.length));
  let made = 0;
  const t0 = performance.now();
  for (let i = 0; i < perStudy && made < RUNS; i++) {
    for (const vendor of VENDORS) {
      for (const study of STUDIES) {
        if (made >= RUNS) break;
        // A shift at two thirds of each study's history: the site must mark it.
        const factor = i >= Math.floor((perStudy * 2) / 3) ? 1.3 : 1;
        await writeSyntheticRun(results, {
          runId: `2026-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T03-00-00Z-${vendor.slice(0, 2)}${STUDIES.indexOf(study)}`,
          title: `${study}-${vendor}`,
          vendor,
          startedAt: new Date(Date.UTC(2026, 0, 1) + i * 7 * 86_400_000),
          subs: [
            { title: 'cold', cold: { n: 25, medianMs: 300 * factor }, warm: { n: 5, medianMs: 30 } },
            { title: 'warm', cold: { n: 2, medianMs: 320 }, warm: { n: 400, medianMs: 25 * factor } },
          ],
          seed: made + 1,
        });
        made += 1;
      }
    }
  }
  const generatedMs = performance.now() - t0;
  const store = path.join(base, 'store');
  const t1 = performance.now();
  const merged = await mergeIntoHistory(store, [results]);
  const mergeMs = performance.now() - t1;
  const t2 = performance.now();
  const again = await mergeIntoHistory(store, [results]);
  const remergeMs = performance.now() - t2;
  const t3 = performance.now();
  const site = await buildHistorySite(store, path.join(base, 'site'));
  const siteMs = performance.now() - t3;
  const indexBytes = (await stat(site.indexPath)).size;
  const storeBytes = await folderBytes(store);
  process.stdout.write(
    [
      `faasbench history perf: ${made} synthetic runs (${(generatedMs / 1000).toFixed(1)} s to make), Node ${process.version}`,
      `  merge into an empty store   ${(mergeMs / 1000).toFixed(2)} s  (${merged.added.length} added)`,
      `  merge again (all duplicate) ${(remergeMs / 1000).toFixed(2)} s  (${again.duplicates.length} duplicates)`,
      `  build the site              ${(siteMs / 1000).toFixed(2)} s  (${site.studies} studies, ${site.changes} changes marked, ${site.reports} reports)`,
      `  index.html                  ${(indexBytes / 1024).toFixed(0)} KiB; store ${(storeBytes / 1024 / 1024).toFixed(1)} MiB`,
    ].join('\n') + '\n',
  );
} finally {
  await rm(base, { recursive: true, force: true });
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? await folderBytes(full) : (await stat(full)).size;
  }
  return total;
}
