import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeStellarExport } from '../../../runner/export/index.js';
import { writeScaleLatencyFile } from '../../../runner/perf/scale-latency-file.js';
import { burstPoints, timelineSeries } from '../../../runner/report/burst-series.js';
import { calibrationRows } from '../../../runner/report/calibration-rows.js';
import { runFacts } from '../../../runner/report/run-facts.js';
import { cdfData } from '../../../runner/report/specs/cdf-spec.js';
import { comparisonCdfData } from '../../../runner/report/specs/comparison-cdf-spec.js';
import { histogramData } from '../../../runner/report/specs/histogram-spec.js';
import { timelineData } from '../../../runner/report/specs/timeline-spec.js';
import { detectSweepFactors } from '../../../runner/report/sweep-factor.js';
import { type FactorField, type LatencyTable, readLatencyTable, tableOf } from '../../../runner/results/index.js';
import type { RequestRecord } from '../../../runner/results/request-record.js';
import { experimentSlug } from '../../../runner/results/run-folder.js';
import { statisticsCsv, statisticsJson } from '../../../runner/sinks/statistics-file.js';
import { mixedFactorRows, statisticsRows, statisticsRowsBy } from '../../../runner/stats/index.js';
import * as reference from '../reference/index.js';
import { fuzzRecords } from '../reference/fuzz-records.js';
import { calibrationFixture, failedRecordFixture, recordFixture } from '../results/records.js';
import { facetExperiment, facetRecords } from './facet-fixture.js';
import { latencyCsvText, memorySweepExperiment, syntheticRecords } from './run-folder-fixture.js';

/**
 * The columnar path (streaming reader → LatencyTable → statistics, chart data, export) gives
 * exactly what the record-based code gave (tests/runner/reference, a frozen copy of it) on the same
 * requests: every statistics row and file, every chart's data, the run facts, the sweep detection,
 * the calibration table and the STeLLAR files, byte for byte or number for number.
 */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-columnar-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ORIGIN_MS = Date.UTC(2026, 10, 23, 14, 5, 12, 250);

interface Fixture {
  /** The records as the record-based code read them (papaparse over the whole text). */
  readonly records: RequestRecord[];
  /** The same file through the streaming reader into columns. */
  readonly table: LatencyTable;
  readonly csvPath: string;
}

/** Writes `records` as latencies.csv and reads it back both ways. */
async function fromRecords(name: string, records: readonly RequestRecord[]): Promise<Fixture> {
  const csvPath = path.join(dir, `${name}.csv`);
  await writeFile(csvPath, latencyCsvText(records));
  return { records: await reference.readLatencyCsv(csvPath), table: await readLatencyTable(csvPath), csvPath };
}

const FIXTURES: readonly [string, () => Promise<Fixture>][] = [
  ['memory sweep (service times cycled, timeouts, HTTP 500)', () => fromRecords('sweep', syntheticRecords(memorySweepExperiment()))],
  ['missing classes and cold-preinit', () => fromRecords('facets', facetRecords(facetExperiment()))],
  ['seeded random requests', () => fromRecords('fuzz', fuzzRecords(3000, 7))],
  ['one failed request', () => fromRecords('one-failed', [failedRecordFixture('ECONNREFUSED')])],
  ['no requests', () => fromRecords('empty', [])],
  [
    'the scale generator, 20,000 rows of every column',
    async () => {
      const csvPath = path.join(dir, 'scale.csv');
      await writeScaleLatencyFile(csvPath, 20_000);
      return { records: await reference.readLatencyCsv(csvPath), table: await readLatencyTable(csvPath), csvPath };
    },
  ],
];

const SPLIT_FACTORS: readonly FactorField[] = ['burstSize', 'desiredServiceTimeMs', 'runtime', 'memoryMb', 'endpointIndex', 'ok', 'requestClass', 'coldStart'];

describe.each(FIXTURES)('columnar equals record-based: %s', (_name, load) => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await load();
  }, 120_000);

  test('the table holds every row of the file', () => {
    expect(fixture.table.rows).toBe(fixture.records.length);
    expect(fixture.table.failed).toBe(fixture.records.filter((r) => !r.ok).length);
  });

  test('statistics rows, split rows and the statistics files', () => {
    const { records, table } = fixture;
    const rows = statisticsRows(table);
    expect(rows).toEqual(reference.statisticsRows(records));
    expect(mixedFactorRows(table)).toEqual(reference.mixedFactorRows(records));
    const all = [...rows, ...mixedFactorRows(table)];
    const referenceAll = [...reference.statisticsRows(records), ...reference.mixedFactorRows(records)];
    expect(statisticsCsv(all)).toBe(statisticsCsv(referenceAll));
    expect(statisticsJson(all)).toBe(statisticsJson(referenceAll));
    // Records in memory take the same path through a table built from them.
    expect(statisticsRows(records)).toEqual(rows);
  });

  test('rows split by any field', () => {
    const { records } = fixture;
    for (const factor of SPLIT_FACTORS) expect({ factor, rows: statisticsRowsBy(records, factor) }).toEqual({ factor, rows: reference.statisticsRowsBy(records, factor) });
    expect(statisticsRowsBy(fixture.table, 'burstSize')).toEqual(reference.statisticsRowsBy(records, 'burstSize'));
  });

  test('chart data: CDF, histogram, timeline per burst, comparison', () => {
    const { records, table } = fixture;
    expect(cdfData(table)).toEqual(reference.cdfData(records));
    expect(histogramData(table)).toEqual(reference.histogramData(records));
    expect(burstPoints(table)).toEqual(reference.burstPoints(records));
    expect(timelineData(table, timelineSeries(table, Infinity))).toEqual(reference.timelineData(records));
    const other = records.filter((_, i) => i % 3 !== 0);
    expect(comparisonCdfData([{ label: 'a', requests: table }, { label: 'b', requests: other }])).toEqual(
      reference.comparisonCdfData([{ label: 'a', records }, { label: 'b', records: other }]),
    );
  });

  test('run facts, sweep factors and the calibration table', () => {
    const { records, table } = fixture;
    const facts = runFacts({ runDir: '/r/x/y', table, document: null, documentProblem: 'experiment.resolved.json is missing' });
    const { lastResponseMs, vendor, regions, requests, failedRequests } = facts;
    expect({ lastResponseMs, vendor, regions, requests, failedRequests }).toEqual(reference.recordFacts(records));
    const asPairs = (factors: { name: string; values: ReadonlyMap<number, unknown> }[]) => factors.map((f) => [f.name, [...f.values]]);
    expect(asPairs(detectSweepFactors(null, table))).toEqual(asPairs(reference.detectSweepFactors(null, records)));
    const calibrations = [0, 1, 2].map((index) =>
      calibrationFixture({ subExperimentIndex: index, points: [{ desiredServiceTimeMs: 10, spinIncrements: 15_000, achievedServiceTimeMs: 9.5 }] }),
    );
    expect(calibrationRows(calibrations, table)).toEqual(reference.calibrationRows(calibrations, records));
  });

  test('the STeLLAR export, streamed, is the record-based export byte for byte', async () => {
    const { records, csvPath } = fixture;
    const runDir = path.join(dir, `export-${path.basename(csvPath, '.csv')}`);
    await mkdir(runDir, { recursive: true });
    const files = await writeStellarExport(csvPath, runDir, ORIGIN_MS);
    const groups = reference.splitBySubExperiment(records);
    expect(files.map((f) => f.subExperimentIndex)).toEqual([...groups.keys()]);
    for (const [index, group] of groups) {
      const first = group[0] as RequestRecord;
      const filePath = path.join(runDir, 'stellar', `${index}-${experimentSlug(first.subExperiment)}`, 'latencies.csv');
      expect(await readFile(filePath, 'utf8')).toBe(reference.stellarCsv(group, ORIGIN_MS));
    }
  });
});

describe('tables built from records', () => {
  test('grow past their first capacity and keep every column', () => {
    const records = fuzzRecords(5000, 11);
    const table = tableOf(records);
    expect(table.rows).toBe(5000);
    expect(Array.from(table.latencyMs)).toEqual(records.map((r) => r.latencyMs));
    expect(Array.from(table.burstId)).toEqual(records.map((r) => r.burstId));
    expect(table.subExperiments.map((s) => s.index)).toEqual([...new Set(records.map((r) => r.subExperimentIndex))]);
  });

  test('a factor the table does not keep is refused, naming it', () => {
    const table = tableOf([recordFixture()]);
    expect(() => statisticsRowsBy(table, 'runtime')).toThrow('the latency table keeps no column for runtime; it keeps desiredServiceTimeMs, burstSize');
    expect(statisticsRowsBy(tableOf([recordFixture()], ['runtime']), 'runtime')[0]).toMatchObject({ factor: 'runtime', factorValue: 'node20' });
  });

  test('reported values are kept up to two per sub-experiment, failed requests adding none', () => {
    const table = tableOf([
      recordFixture({ runtime: 'a' }),
      failedRecordFixture('TIMEOUT'),
      recordFixture({ runtime: 'b' }),
      recordFixture({ runtime: 'c' }),
    ]);
    expect(table.subExperiments[0]?.reported).toEqual({ runtime: ['a', 'b'], memoryMb: [256], burstSize: [1] });
  });
});
