import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LATENCY_HEADERS } from '../../../runner/results/latency-cells.js';
import { readLatencyCsv } from '../../../runner/results/read-latency-csv.js';
import { buildRunReport, formatSummaryTable } from '../../../runner/report/index.js';
import { mixedFactorRows, statisticsRows } from '../../../runner/stats/index.js';
import { failedRecordFixture, recordFixture } from '../results/records.js';
import { FIXTURE_TOKEN_HINT, syntheticRecords, memorySweepExperiment, writeRunFolder } from './run-folder-fixture.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-report-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const svgCount = (html: string): number => (html.match(/<svg[\s>]/g) ?? []).length;

describe('buildRunReport', () => {
  test('rebuilds statistics, plots and a self-contained report.html from a finished run', async () => {
    const dir = await writeRunFolder(path.join(root, 'complete'));
    const { reportPath, rows } = await buildRunReport(dir);

    expect(reportPath).toBe(path.join(dir, 'report.html'));
    expect(rows).toEqual(statisticsRows(await readLatencyCsv(path.join(dir, 'latencies.csv'))));
    expect((await readdir(dir)).sort()).toEqual(['experiment.resolved.json', 'latencies.csv', 'plots', 'report.html', 'statistics.csv', 'statistics.json']);
    const plotFiles = (await readdir(path.join(dir, 'plots'))).sort();
    for (const name of ['cdf-linear', 'cdf-log', 'timeline', 'histogram', 'factor-memory-mb']) {
      expect(plotFiles).toContain(`${name}.svg`);
      expect(plotFiles).toContain(`${name}.vl.json`);
    }
    const statisticsCsv = await readFile(path.join(dir, 'statistics.csv'), 'utf8');
    // The plain rows, then the same sub-experiments split by the service times they cycle (0, 10 ms).
    const lines = statisticsCsv.trimEnd().split('\n').slice(1);
    expect(lines.filter((line) => line.split(',')[2] === '')).toHaveLength(rows.length);
    const split = lines.filter((line) => line.split(',')[2] !== '');
    expect(new Set(split.map((line) => line.split(',').slice(2, 4).join('=')))).toEqual(new Set(['desiredServiceTimeMs=0', 'desiredServiceTimeMs=10']));

    const html = await readFile(reportPath, 'utf8');
    expect(svgCount(html)).toBe(5);
    for (const text of ['memory-sweep', '2026-11-23T14-05-12Z-3f9a', 'completed', 'eu-west-1', 'aws', '46.1 s', '2026-11-23T14:05:12.250Z', 'v20.20.2']) {
      expect(html).toContain(text);
    }
    expect(html).toMatch(/<dt>seed<\/dt><dd>1<\/dd>/);
    // Summary: p50 with its CI, tail ratio; errors by code; calibration desired vs achieved.
    expect(html).toContain('p50 95% CI ms');
    expect(html).toContain('p99/p50');
    expect(html).toMatch(/<td>HTTP_500<\/td><td class="num">1<\/td>/);
    expect(html).toMatch(/<td>TIMEOUT<\/td>/);
    expect(html).toContain('achieved in calibration ms');
    expect(html).toMatch(/<details><summary>Resolved experiment/);
    // Self-contained: no scripts, no external resources, a CSP that forbids fetching any.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(https?:/i);
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//i);
    expect(html).toContain("default-src 'none'");
    // The token never reaches a results file, so it cannot reach the report either.
    expect(html).not.toContain(FIXTURE_TOKEN_HINT);
    expect(html).not.toMatch(/"token"/);
  });

  test('an interrupted run with a cut-off last row: the complete rows are reported and the report says it is partial', async () => {
    const experiment = memorySweepExperiment();
    const all = syntheticRecords(experiment);
    const dir = await writeRunFolder(path.join(root, 'partial'), { records: all, truncateLastRow: true, status: 'interrupted' });
    const { rows } = await buildRunReport(dir);
    const total = rows.filter((r) => r.class === 'all').reduce((n, r) => n + r.count + r.errors, 0);
    expect(total).toBe(all.length - 1);
    const html = await readFile(path.join(dir, 'report.html'), 'utf8');
    expect(html).toContain(`The run was interrupted: interrupted by SIGINT.</strong> The statistics and charts cover the ${all.length - 1} requests it recorded.`);
    expect(html).toContain('<span class="status interrupted">');
  });

  test('without experiment.resolved.json: says so, reports from the records, still finds the memory sweep', async () => {
    const dir = await writeRunFolder(path.join(root, 'no-resolved'), { withoutResolved: true });
    const { rows, plots } = await buildRunReport(dir);
    expect(rows.length).toBeGreaterThan(0);
    expect(plots.map((p) => p.name)).toContain('factor-memory-mb');
    const html = await readFile(path.join(dir, 'report.html'), 'utf8');
    expect(html).toContain('experiment.resolved.json is missing.</strong> This report is built from latencies.csv alone');
    expect(html).toContain('<span class="status unknown">');
    expect(html).toMatch(/<dt>seed<\/dt><dd>unknown<\/dd>/);
    // Vendor and region come from what the functions reported.
    expect(html).toMatch(/<dt>region<\/dt><dd>eu-west-1<\/dd>/);
    expect(html).toMatch(/<dt>duration<\/dt><dd>unknown \(the last response came .* after the start\)<\/dd>/);
  });

  test('an unreadable resolved file is reported like a missing one', async () => {
    const dir = await writeRunFolder(path.join(root, 'bad-resolved'));
    await writeFile(path.join(dir, 'experiment.resolved.json'), '{"runId": "x", "status": ');
    await buildRunReport(dir);
    const html = await readFile(path.join(dir, 'report.html'), 'utf8');
    expect(html).toContain('experiment.resolved.json cannot be used: it is not valid JSON');
  });

  test('a run interrupted before any request: a report with no charts', async () => {
    const dir = await writeRunFolder(path.join(root, 'empty'), { records: [], status: 'interrupted' });
    await writeFile(path.join(dir, 'latencies.csv'), `${LATENCY_HEADERS.join(',')}\n`);
    const { rows, plots } = await buildRunReport(dir);
    expect(rows).toEqual([]);
    expect(plots).toEqual([]);
    const html = await readFile(path.join(dir, 'report.html'), 'utf8');
    expect(html).toContain('No requests were recorded.');
    expect(svgCount(html)).toBe(0);
  });
});

describe('formatSummaryTable', () => {
  test('sub-experiment, class, n, errors, p50, p99; empty classes left out', () => {
    const rows = statisticsRows([
      recordFixture({ latencyMs: 10 }),
      recordFixture({ latencyMs: 20 }),
      recordFixture({ latencyMs: 1234.5, requestClass: 'cold' }),
      failedRecordFixture('TIMEOUT'),
    ]);
    expect(formatSummaryTable(rows)).toBe(
      [
        'sub-experiment  class    n  errors  p50 ms  p99 ms',
        'warm            all      3       1    20.0    1210',
        'warm            cold     1       0    1235    1235',
        'warm            warm     2       0    15.0    19.9',
        'warm            unknown  0       1       –       –',
      ].join('\n'),
    );
    expect(formatSummaryTable([])).toBe('no requests were recorded');
  });

  test("a sub-experiment's split rows follow its plain rows, indented, empty classes left out", () => {
    const records = [
      recordFixture({ latencyMs: 10, desiredServiceTimeMs: 0 }),
      recordFixture({ latencyMs: 30, desiredServiceTimeMs: 20 }),
      recordFixture({ latencyMs: 200, requestClass: 'cold', subExperiment: 'cold', subExperimentIndex: 1 }),
    ];
    expect(formatSummaryTable(statisticsRows(records), mixedFactorRows(records))).toBe(
      [
        'sub-experiment   class  n  errors  p50 ms  p99 ms',
        'warm             all    2       0    20.0    29.8',
        'warm             warm   2       0    20.0    29.8',
        '  service 0 ms   all    1       0    10.0    10.0',
        '  service 0 ms   warm   1       0    10.0    10.0',
        '  service 20 ms  all    1       0    30.0    30.0',
        '  service 20 ms  warm   1       0    30.0    30.0',
        'cold             all    1       0     200     200',
        'cold             cold   1       0     200     200',
      ].join('\n'),
    );
  });
});
