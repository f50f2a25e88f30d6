import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { STELLAR_HEADER, stellarCsv, writeStellarExport } from '../../../runner/export/index.js';
import { failedRecordFixture, recordFixture } from '../results/records.js';
import { latencyCsvText } from '../report/run-folder-fixture.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-stellar-export-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const ORIGIN_MS = Date.UTC(2026, 10, 23, 14, 5, 12, 250);

async function runWith(name: string, csv: string): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'latencies.csv'), csv);
  return dir;
}

describe('STeLLAR export, streamed', () => {
  test('one file per sub-experiment, named by its first row; a sub-experiment with only failures gets the header alone', async () => {
    const records = [
      recordFixture({ subExperimentIndex: 2, subExperiment: 'Big Burst!', burstId: 1 }),
      failedRecordFixture('TIMEOUT', { subExperimentIndex: 0, subExperiment: 'all failed' }),
      recordFixture({ subExperimentIndex: 2, subExperiment: 'renamed later', burstId: 2, requestId: 'second' }),
    ];
    const dir = await runWith('named', latencyCsvText(records));
    const files = await writeStellarExport(path.join(dir, 'latencies.csv'), dir, ORIGIN_MS);
    expect(files.map((f) => [f.subExperimentIndex, path.relative(dir, f.filePath), f.rows])).toEqual([
      [0, path.join('stellar', '0-all-failed', 'latencies.csv'), 0],
      [2, path.join('stellar', '2-big-burst', 'latencies.csv'), 2],
    ]);
    expect(await readFile(path.join(dir, 'stellar', '0-all-failed', 'latencies.csv'), 'utf8')).toBe(`${STELLAR_HEADER.join(',')}\n`);
    expect(await readFile(path.join(dir, 'stellar', '2-big-burst', 'latencies.csv'), 'utf8')).toBe(stellarCsv([records[0]!, records[2]!], ORIGIN_MS));
  });

  test('a latencies.csv cut off mid-row exports its complete rows', async () => {
    const records = [recordFixture({ requestId: 'a' }), recordFixture({ requestId: 'b' }), recordFixture({ requestId: 'c' })];
    const csv = latencyCsvText(records);
    const dir = await runWith('cut', csv.slice(0, csv.lastIndexOf('req') > 0 ? csv.length - 20 : csv.length));
    const [file] = await writeStellarExport(path.join(dir, 'latencies.csv'), dir, ORIGIN_MS);
    expect(file?.rows).toBe(2);
    expect(await readFile(file?.filePath ?? '', 'utf8')).toBe(stellarCsv(records.slice(0, 2), ORIGIN_MS));
  });

  test('a bad row stops the export with the reader’s message and leaves no file, finished or not', async () => {
    // Two files are open when the third row turns out bad.
    const csv = latencyCsvText([recordFixture(), recordFixture({ subExperimentIndex: 1, subExperiment: 'b' }), recordFixture({ latencyMs: 77.125 })]).replace(',77.125,', ',fast,');
    const dir = await runWith('bad', csv);
    await expect(writeStellarExport(path.join(dir, 'latencies.csv'), dir, ORIGIN_MS)).rejects.toThrow(/, data row 3: column latency_ms: "fast" is not a number\.$/);
    const left = await readdir(path.join(dir, 'stellar'), { recursive: true });
    expect(left.sort()).toEqual(['0-warm', '1-b']);
    expect(left.filter((entry) => entry.endsWith('.csv') || entry.endsWith('.tmp'))).toEqual([]);
  });
});
