import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SCALE_SUB_EXPERIMENTS, writeScaleRunFolder } from '../../../runner/perf/scale-latency-file.js';
import { formatScale } from '../../../runner/perf/scale-report.js';
import { cutLastRowInHalf, SCALE_RESUME_CHAIN_SUB } from '../../../runner/perf/scale-resume.js';
import { TIMELINE_MAX_BURSTS, TIMELINE_TARGET_BINS } from '../../../runner/report/burst-series.js';
import { buildRunReport } from '../../../runner/report/index.js';
import * as reference from '../reference/index.js';

const execFileAsync = promisify(execFile);

/**
 * The scale benchmark's synthetic study, small (20,000 rows): a valid latencies.csv of every
 * column, and its report through the streaming, columnar path gives the record-based statistics,
 * with a timeline bounded by time bins. Correctness only; the timing is `npm run perf -- scale`'s.
 */

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-scale-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('scale benchmark study', () => {
  test('20,000 rows: the report equals the record-based statistics; the timeline is binned and bounded', async () => {
    const dir = await writeScaleRunFolder(path.join(root, 'scale', 'run-20000'), 20_000);
    const records = await reference.readLatencyCsv(path.join(dir, 'latencies.csv'));
    expect(records).toHaveLength(20_000);
    // Every sub-experiment, every class of outcome, and quoted multi-line error messages are in it.
    expect(new Set(records.map((r) => r.subExperiment))).toEqual(new Set(SCALE_SUB_EXPERIMENTS.map((s) => s.title)));
    expect(new Set(records.map((r) => (r.ok ? r.requestClass : r.errorCode)))).toEqual(new Set(['warm', 'cold', 'TIMEOUT', 'HTTP_500', 'ECONNRESET']));
    expect(records.some((r) => r.errorMessage?.includes('\n') === true && r.errorMessage.includes('"'))).toBe(true);

    const report = await buildRunReport(dir);
    expect(report.inputs.table.rows).toBe(20_000);
    expect(report.rows).toEqual(reference.statisticsRows(records));
    expect(report.splitRows).toEqual(reference.mixedFactorRows(records));
    expect(report.plots.map((p) => p.name)).toEqual(['cdf-linear', 'cdf-log', 'timeline', 'histogram', 'factor-memory-mb']);
    for (const plot of report.plots) expect({ plot: plot.name, warnings: plot.warnings }).toEqual({ plot: plot.name, warnings: [] });

    // 8,000 single-request bursts in warm-single: drawn in time bins, as the subtitle says.
    const timeline = JSON.parse(await readFile(path.join(dir, 'plots', 'timeline.vl.json'), 'utf8'));
    const warmSingle = timeline.data.values.filter((d: { subExperimentIndex: number }) => d.subExperimentIndex === 0);
    expect(warmSingle.length).toBeLessThanOrEqual(TIMELINE_TARGET_BINS * 5);
    expect(warmSingle.reduce((n: number, d: { requests: number }) => n + d.requests, 0)).toBe(records.filter((r) => r.subExperimentIndex === 0).length);
    expect(timeline.title.subtitle[1]).toMatch(new RegExp(`^more than ${TIMELINE_MAX_BURSTS.toLocaleString('en-US')} bursts, drawn in time bins of [\\d.]+ m?s \\(.*\\): warm-single`));
  }, 120_000);

  test('the child prints its report time and peak memory as one JSON line', async () => {
    const dir = await writeScaleRunFolder(path.join(root, 'scale', 'run-500'), 500);
    const { stdout } = await execFileAsync(path.resolve('node_modules/.bin/tsx'), [path.resolve('runner/perf/scale-child.ts'), dir]);
    const figures = JSON.parse(stdout.trim());
    expect(Object.keys(figures).sort()).toEqual(['peakRssMb', 'wallMs']);
    expect(figures.peakRssMb).toBeGreaterThan(10);
    expect(await readFile(path.join(dir, 'report.html'), 'utf8')).toContain('warm-single');
  }, 60_000);

  test('the resume child cuts nothing more than the half row, reads every other row, and gives the chain its LOST hop rows', async () => {
    const dir = await writeScaleRunFolder(path.join(root, 'scale', 'run-resume-500'), 500);
    const file = path.join(dir, 'latencies.csv');
    const whole = await readFile(file, 'utf8');
    const lastRowBytes = whole.length - (whole.lastIndexOf('\n', whole.length - 2) + 1);
    const { removedBytes, halfRowBytes } = await cutLastRowInHalf(file);
    expect(removedBytes + halfRowBytes).toBe(lastRowBytes);
    expect(Math.abs(removedBytes - halfRowBytes)).toBeLessThanOrEqual(1);
    expect(await readFile(file, 'utf8')).toBe(whole.slice(0, -removedBytes));
    const records = await reference.readLatencyCsv(file);
    expect(records).toHaveLength(499);
    const chainRequests = records.filter((r) => r.subExperimentIndex === SCALE_RESUME_CHAIN_SUB).length;
    expect(chainRequests).toBeGreaterThan(0);

    const { stdout } = await execFileAsync(path.resolve('node_modules/.bin/tsx'), [path.resolve('runner/perf/scale-child.ts'), dir, 'resume']);
    const figures = JSON.parse(stdout.trim());
    expect(Object.keys(figures).sort()).toEqual(['bursts', 'cutBytes', 'lostHopRows', 'peakRssMb', 'requests', 'wallMs']);
    expect(figures).toMatchObject({ requests: 499, bursts: new Set(records.map((r) => `${r.subExperimentIndex}/${r.burstId}`)).size, cutBytes: halfRowBytes, lostHopRows: 2 * chainRequests });
    expect(await readFile(file, 'utf8')).toBe(whole.slice(0, whole.lastIndexOf('\n', whole.length - 2) + 1));
    const transfers = (await readFile(path.join(dir, 'transfers.csv'), 'utf8')).trimEnd().split('\n');
    expect(transfers).toHaveLength(1 + 2 * chainRequests);
  }, 60_000);

  test('figures: two lines per row count (report, resume) with ratios to the smallest, and the aim', () => {
    const text = formatScale([
      { rows: 10_000, fileBytes: 3.9e6, generateMs: 700, reportMs: 3000, processMs: 6000, peakRssMb: 180, resume: { ms: 500, processMs: 2000, peakRssMb: 100 } },
      { rows: 1_000_000, fileBytes: 389e6, generateMs: 13_000, reportMs: 45_000, processMs: 49_000, peakRssMb: 330, resume: { ms: 40_000, processMs: 42_000, peakRssMb: 250 } },
    ]);
    expect(text.split('\n')).toEqual([
      'Scale: report of a synthetic study (all columns; the report as npm run report builds it, in a child process),',
      '  then resume: what --resume reads of it with its last row cut in half (the cold sub-experiment taken as a chain',
      '  whose transfers.csv is missing: 2 LOST hop rows per request), in a child process of its own',
      '        rows   file MB   generate s     time s   process s   peak RSS MB   rows ×   time ×   RSS ×',
      '      10,000         4          0.7        3.0         6.0           180        1     1.00    1.00',
      '      resume                               0.5         2.0           100        1     1.00    1.00',
      '   1,000,000       389         13.0       45.0        49.0           330      100    15.00    1.83',
      '      resume                              40.0        42.0           250      100    80.00    2.50',
      '  aim: 1,000,000 rows within 600 MB peak RSS and 90 s: met (330 MB, 45.0 s)',
    ]);
    const resume = { ms: 1, processMs: 1, peakRssMb: 1 };
    expect(formatScale([{ rows: 1_000_000, fileBytes: 1, generateMs: 1, reportMs: 95_000, processMs: 1, peakRssMb: 200, resume }])).toMatch(/: NOT met \(200 MB, 95\.0 s\)$/);
  });
});
