import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { statisticsCsv, writeStatistics } from '../../../runner/sinks/statistics-file.js';
import { statisticsRows, statisticsRowsBy } from '../../../runner/stats/group.js';
import { failedRecordFixture, recordFixture } from '../results/records.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-statistics-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const records = [
  ...[10, 20, 30, 40, 50, 60].map((latencyMs) => recordFixture({ latencyMs: latencyMs + 1 / 3, serviceTimeMs: 2 / 3 })),
  failedRecordFixture('TIMEOUT'),
  failedRecordFixture('HTTP_500'),
];

describe('statistics files', () => {
  test('CSV columns in the documented order, ms with 3 decimals', async () => {
    const rows = statisticsRows(records);
    const { csvPath, jsonPath } = await writeStatistics(dir, rows);
    expect((await readdir(dir)).sort()).toEqual(['statistics.csv', 'statistics.json']);

    const parsed = Papa.parse<Record<string, string>>(await readFile(csvPath, 'utf8'), { header: true, delimiter: ',', skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual([
      'sub_experiment_index', 'sub_experiment', 'factor', 'factor_value', 'class', 'count', 'errors',
      'min_ms', 'mean_ms', 'stddev_ms', 'p25_ms', 'p50_ms', 'p75_ms', 'p90_ms', 'p95_ms', 'p99_ms', 'p999_ms', 'max_ms',
      'tail_to_median', 'median_ci_lower_ms', 'median_ci_upper_ms', 'median_ci_lower_rank', 'median_ci_upper_rank',
      'median_ci_coverage', 'median_ci_note', 'desired_service_times_ms', 'achieved_service_time_median_ms', 'error_counts',
    ]);
    expect(parsed.data.map((row) => row['class'])).toEqual(['all', 'cold', 'warm', 'unknown']);
    expect(parsed.data[0]).toMatchObject({
      sub_experiment_index: '0',
      sub_experiment: 'warm',
      factor: '',
      factor_value: '',
      count: '6',
      errors: '2',
      min_ms: '10.333',
      mean_ms: '35.333',
      p50_ms: '35.333',
      max_ms: '60.333',
      median_ci_lower_ms: '10.333',
      median_ci_upper_ms: '60.333',
      median_ci_lower_rank: '1',
      median_ci_upper_rank: '6',
      median_ci_coverage: '0.969',
      median_ci_note: '',
      desired_service_times_ms: '0.000',
      achieved_service_time_median_ms: '0.667',
      error_counts: 'HTTP_500=1;TIMEOUT=1',
    });
    expect(parsed.data[1]).toMatchObject({ class: 'cold', count: '0', min_ms: '', median_ci_note: 'n too small', error_counts: '' });

    const json = JSON.parse(await readFile(jsonPath, 'utf8'));
    expect(json).toMatchObject({ formatVersion: 1, percentiles: 'Hyndman-Fan type 7, as numpy.percentile' });
    expect(json.rows).toEqual(JSON.parse(JSON.stringify(rows)));
    expect(json.rows[0].minMs).toBe(10 + 1 / 3);
  });

  test('factor rows name the factor and value', () => {
    const csv = statisticsCsv(statisticsRowsBy([recordFixture({ burstSize: 100 })], 'burstSize'));
    expect(csv.split('\n')[1]).toMatch(/^0,warm,burstSize,100,all,1,0,/);
  });

  test('a title that looks like a formula is quoted, numbers are not', () => {
    const csv = statisticsCsv(statisticsRows([recordFixture({ subExperiment: '-warm', latencyMs: 5 })]));
    expect(csv.split('\n')[1]).toMatch(/^0,'-warm,,,all,1,0,5\.000,/);
  });
});
