import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LATENCY_HEADERS } from '../../../runner/results/latency-cells.js';
import { parseLatencyCsv, readLatencyCsv } from '../../../runner/results/read-latency-csv.js';
import type { RequestRecord } from '../../../runner/results/request-record.js';
import { createLatencyCsvWriter } from '../../../runner/sinks/latency-csv.js';
import { failedRecordFixture, recordFixture } from './records.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-read-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function written(name: string, records: readonly RequestRecord[]): Promise<string> {
  const filePath = path.join(dir, name);
  const writer = createLatencyCsvWriter(filePath);
  for (const record of records) writer.listener({ type: 'request', record });
  await writer.close();
  return filePath;
}

const records = [
  recordFixture(),
  recordFixture({ indexInBurst: 1, errorMessage: null, subExperiment: '-minus title, with "quotes"' }),
  failedRecordFixture('ECONNRESET', { indexInBurst: 2, errorMessage: 'socket hang up\nafter 3 bytes' }),
  recordFixture({ indexInBurst: 3, requestId: 'last' }),
];

describe('readLatencyCsv', () => {
  test('an interrupted run: a row cut mid-line is dropped, the rows before it are kept', async () => {
    const text = await readFile(await written('cut.csv', records), 'utf8');
    const cut = text.slice(0, text.lastIndexOf('last') + 2);
    expect(parseLatencyCsv(cut, 'cut')).toHaveLength(3);
  });

  test('a cut inside a quoted multi-line message (ending in a newline) drops only that row', async () => {
    const text = await readFile(await written('quoted.csv', records), 'utf8');
    const cut = text.slice(0, text.indexOf('socket hang up\n') + 'socket hang up\n'.length);
    const read = parseLatencyCsv(cut, 'cut');
    expect(read.map((r) => r.indexInBurst)).toEqual([0, 1]);
  });

  test('a file cut anywhere parses to a prefix of the records', async () => {
    const text = await readFile(await written('everywhere.csv', records), 'utf8');
    const complete = parseLatencyCsv(text, 'whole');
    for (let end = 0; end <= text.length; end += 7) {
      const read = parseLatencyCsv(text.slice(0, end), `cut at ${end}`);
      expect(read).toEqual(complete.slice(0, read.length));
    }
  });

  test('nothing but (part of) the header is no records', () => {
    expect(parseLatencyCsv('', 'empty')).toEqual([]);
    expect(parseLatencyCsv('sub_experiment,sub_exp', 'partial header')).toEqual([]);
    expect(parseLatencyCsv(`${LATENCY_HEADERS.join(',')}\n`, 'header only')).toEqual([]);
  });

  test('a CSV without our columns is refused, naming them', () => {
    expect(() => parseLatencyCsv('Request ID,Host\nx,y\n', 'Latency file s.csv')).toThrow(
      /^Latency file s\.csv is not a faasbench latency CSV: it lacks the columns sub_experiment, sub_experiment_index, /,
    );
  });

  test('a bad cell inside the file is refused with its row and column', async () => {
    const text = await readFile(await written('bad.csv', records.slice(0, 2)), 'utf8');
    const broken = text.replace(',40.750,', ',oops,');
    expect(() => parseLatencyCsv(broken, 'Latency file b.csv')).toThrow('Latency file b.csv, data row 1: column latency_ms: "oops" is not a number.');
  });

  test('a short row that is not the last is refused', async () => {
    const text = await readFile(await written('short.csv', records.slice(0, 1)), 'utf8');
    expect(() => parseLatencyCsv(`${text}a,b\n${text.split('\n')[1]}\n`, 'x')).toThrow('x, data row 2: Too few fields');
  });

  test('a missing file', async () => {
    await expect(readLatencyCsv(path.join(dir, 'none.csv'))).rejects.toThrow(/cannot be read: there is no such file\.$/);
  });
});
