import { expect } from '@jest/globals';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { readLatencyCsv } from '../../runner/results/index.js';
import type { RequestRecord } from '../../runner/results/request-record.js';

/** A run folder as a stopped run must leave it: rows (each request once), status, statistics, plots, report. */
export async function expectFinishedRun(dir: string, status: string): Promise<{ records: RequestRecord[]; resolved: Record<string, unknown> }> {
  const records = await readLatencyCsv(path.join(dir, 'latencies.csv'));
  const keys = records.map((r) => `${r.subExperimentIndex}/${r.burstId}/${r.indexInBurst}`);
  expect(new Set(keys).size).toBe(keys.length);
  const resolved = JSON.parse(await readFile(path.join(dir, 'experiment.resolved.json'), 'utf8')) as Record<string, unknown>;
  expect(resolved['status']).toBe(status);
  for (const name of ['report.html', 'statistics.json', 'statistics.csv', 'run.log']) {
    expect((await stat(path.join(dir, name))).size).toBeGreaterThan(0);
  }
  const plots = await import('node:fs/promises').then((fs) => fs.readdir(path.join(dir, 'plots')));
  expect(plots.some((name) => name.endsWith('.svg'))).toBe(true);
  const beat = JSON.parse(await readFile(path.join(dir, 'status.json'), 'utf8')) as Record<string, unknown>;
  expect(beat).toMatchObject({ phase: 'exited', status });
  return { records, resolved };
}
