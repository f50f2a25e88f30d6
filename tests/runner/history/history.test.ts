import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildHistory, historyCli, mergeIntoHistory, readStore, summarizeClass, writeSyntheticRun, type HistoryEntry } from '../../../runner/history/index.js';
import { historyChartSvg, logTicks } from '../../../runner/history/site/chart-svg.js';

const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + i));

async function syntheticResults(dir: string, count: number, shiftAt: number) {
  for (let i = 0; i < count; i++) {
    const factor = i >= shiftAt ? 1.5 : 1;
    await writeSyntheticRun(dir, {
      runId: `2026-01-${String(i + 1).padStart(2, '0')}T03-00-00Z-ab${i}`,
      title: 'cold-baseline-aws',
      vendor: 'aws',
      startedAt: day(i),
      subs: [{ title: 'cold', cold: { n: 40, medianMs: 300 * factor }, warm: { n: 200, medianMs: 20 }, errors: 1 }],
      seed: 100 + i,
    });
  }
}

describe('history store', () => {
  it('merges runs from several folders once per run id, with their reports', async () => {
    const base = await mkdtemp(path.join(os.tmpdir(), 'faasbench-history-'));
    const first = path.join(base, 'artifact-1');
    const second = path.join(base, 'artifact-2');
    await syntheticResults(first, 3, 99);
    await syntheticResults(second, 4, 99); // runs 0..2 again, and run 3
    const store = path.join(base, 'store');
    const a = await mergeIntoHistory(store, [first]);
    const b = await mergeIntoHistory(store, [second, first]);
    expect(a).toMatchObject({ added: ['2026-01-01T03-00-00Z-ab0', '2026-01-02T03-00-00Z-ab1', '2026-01-03T03-00-00Z-ab2'], duplicates: [], skipped: [] });
    expect(b.added).toEqual(['2026-01-04T03-00-00Z-ab3']);
    expect(b.duplicates).toHaveLength(6);
    const entries = await readStore(store);
    expect(entries.map((e) => e.runId)).toHaveLength(4);
    const entry = entries[0] as HistoryEntry;
    expect(entry).toMatchObject({ title: 'cold-baseline-aws', vendor: 'aws', status: 'completed', report: 'reports/2026-01-01T03-00-00Z-ab0/report.html' });
    const sub = entry.subExperiments[0]!;
    expect(sub).toMatchObject({ title: 'cold', requests: 241, errors: 1 });
    expect(sub.classes['cold']?.n).toBe(40);
    expect(sub.classes['warm']?.samplesMs).toHaveLength(200);
    expect(await readFile(path.join(store, entry.report!), 'utf8')).toContain('Report of run 2026-01-01T03-00-00Z-ab0');
  });

  it('refuses a store entry that is not one, naming the file', async () => {
    const base = await mkdtemp(path.join(os.tmpdir(), 'faasbench-history-'));
    let err = '';
    const status = await historyCli(['site', '--history', path.join(base, 'nothing')], { stdout: process.stdout, stderr: { write: (t: string) => ((err += t), true) } as never });
    expect(status).toBe(2);
    expect(err).toMatch(/^faasbench history: History store .*nothing has no runs\/ folder; fill it with `npm run history -- merge --into/);
  });
});

describe('changes over time', () => {
  const entry = (i: number, cold: number[], status = 'completed'): HistoryEntry => ({
    formatVersion: 1,
    runId: `run-${i}`,
    title: 'study',
    file: null,
    vendor: 'gcp',
    startedAt: day(i).toISOString(),
    status,
    toolVersion: null,
    seed: null,
    report: null,
    subExperiments: [{ index: 0, title: 'cold', runtime: 'nodejs22', memoryMb: 256, packageSizeMb: 0, requests: cold.length, errors: 0, classes: { cold: summarizeClass(cold) } }],
  });
  const around = (centre: number, n: number) => Array.from({ length: n }, (_, k) => centre + ((k * 7919) % n) - n / 2);

  it('marks a run whose latencies shifted against the previous completed run, and only that run', () => {
    const history = buildHistory([entry(0, around(300, 60)), entry(1, around(302, 60)), entry(2, around(420, 60)), entry(3, around(421, 60))]);
    const points = history.vendors[0]!.studies[0]!.subs[0]!.classes.cold;
    expect(points.map((p) => p.change === null)).toEqual([true, true, false, true]);
    expect(points[2]?.change).toMatchObject({ previousRunId: 'run-1', shift: true, direction: 'slower' });
    expect(points[2]?.change?.pValue).toBeLessThan(1e-6);
    expect(history.changes.map((c) => c.runId)).toEqual(['run-2']);
  });

  it('does not compare against an interrupted run nor mark one', () => {
    const history = buildHistory([entry(0, around(300, 60)), entry(1, around(900, 10), 'interrupted'), entry(2, around(301, 60))]);
    const points = history.vendors[0]!.studies[0]!.subs[0]!.classes.cold;
    expect(points.map((p) => p.change)).toEqual([null, null, null]);
  });

  it('draws every point with its interval and rings each change', () => {
    const history = buildHistory([entry(0, around(300, 60)), entry(1, around(302, 60)), entry(2, around(420, 60))]);
    const svg = historyChartSvg(history.vendors[0]!.studies[0]!.subs[0]!.classes, 'chart')!;
    expect(svg.match(/<g class="point"/g)).toHaveLength(6); // 3 runs × median and p99
    expect(svg.match(/<g class="change slower"/g)).toHaveLength(1);
    expect(svg).toContain('Mann–Whitney p = &lt; 0.0001 against run run-1: slower, median 302 → 420 ms');
    expect(logTicks(Math.log10(15), Math.log10(900))).toEqual([20, 50, 100, 200, 500]);
  });
});

describe('npm run history', () => {
  it('merges and builds a self-contained site that links the latest report of each study', async () => {
    const base = await mkdtemp(path.join(os.tmpdir(), 'faasbench-history-'));
    await syntheticResults(path.join(base, 'results'), 6, 4);
    const store = path.join(base, 'store');
    let out = '';
    const io = { stdout: { write: (t: string) => ((out += t), true) } as never, stderr: process.stderr, now: () => new Date('2026-02-01T00:00:00Z') };
    expect(await historyCli(['merge', '--into', store, path.join(base, 'results')], io)).toBe(0);
    expect(await historyCli(['site', '--history', store, '--out', path.join(base, 'site')], io)).toBe(0);
    expect(out).toMatch(/6 run\(s\) added, 0 already there/);
    expect(out).toMatch(/\(6 runs, 1 studies, \d+ marked changes, 1 reports linked;/);
    const html = await readFile(path.join(base, 'site', 'index.html'), 'utf8');
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\';');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toContain('href="reports/2026-01-06T03-00-00Z-ab5/report.html"');
    expect(await readdir(path.join(base, 'site', 'reports'))).toEqual(['2026-01-06T03-00-00Z-ab5']);
    // The shift injected at run 4 is marked on the cold series.
    expect(html).toMatch(/<tr class="change-row"><td>2026-01-05 00:00<\/td><td>aws<\/td>.*<td>cold<\/td><td>cold<\/td><td class="change-slower">slower<\/td>/);
  });
});
