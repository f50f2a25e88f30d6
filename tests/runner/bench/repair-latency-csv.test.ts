import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { repairLatencyCsv } from '../../../runner/bench/repair-latency-csv.js';
import { completeRowsPrefix, formatLatencyRow, LATENCY_HEADERS, type RequestRecord } from '../../../runner/results/index.js';
import { recordFixture } from '../results/records.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-repair-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const header = `${LATENCY_HEADERS.join(',')}\n`;
/** One row exactly as the latency writer writes it. */
const line = (overrides: Parameters<typeof recordFixture>[0] = {}) =>
  `${Papa.unparse([formatLatencyRow(recordFixture(overrides))], { columns: [...LATENCY_HEADERS], header: false, newline: '\n' })}\n`;

/** repairLatencyCsv with the rows it streams collected. */
async function repair(file: string, chunkBytes?: number): Promise<{ records: RequestRecord[]; cutBytes: number }> {
  const records: RequestRecord[] = [];
  const { rows, cutBytes } = await repairLatencyCsv(file, (record) => records.push(record), chunkBytes === undefined ? {} : { chunkBytes });
  expect(rows).toBe(records.length);
  return { records, cutBytes };
}

describe('the latencies.csv of a killed run, made ready for appending', () => {
  test('the complete rows end at the last newline outside quotes', () => {
    expect(completeRowsPrefix('h\na,b\nc,d')).toBe('h\na,b\n');
    expect(completeRowsPrefix('h\na,"x\ny"\nc,"p\nq')).toBe('h\na,"x\ny"\n');
    expect(completeRowsPrefix('h\na,"say ""hi""\n"\n')).toBe('h\na,"say ""hi""\n"\n');
    expect(completeRowsPrefix('heade')).toBe('');
  });

  test('a cut-off last row is cut away, the rest kept', async () => {
    const file = path.join(root, 'cut.csv');
    const complete = header + line({ burstId: 0 }) + line({ burstId: 1, errorMessage: 'first line\nsecond line' });
    await writeFile(file, complete + line({ burstId: 2 }).slice(0, 40));
    const { records, cutBytes } = await repair(file);
    expect(records.map((r) => r.burstId)).toEqual([0, 1]);
    expect(records[1]?.errorMessage).toBe('first line\nsecond line');
    expect(cutBytes).toBe(40);
    expect(await readFile(file, 'utf8')).toBe(complete);
  });

  test('scanned in chunks smaller than a row: the quoted newline and the cut fall across chunk boundaries', async () => {
    const complete = header + line({ burstId: 0 }) + line({ burstId: 1, errorMessage: 'say "hi"\nthen\nleave' });
    const cut = line({ burstId: 2, errorMessage: 'open\nquote' });
    // Cut inside the quoted message: the newline in it must not count as a row end.
    const inQuotes = cut.indexOf('open\n') + 5;
    for (const chunkBytes of [1, 3, 7, 64]) {
      const file = path.join(root, `chunks-${chunkBytes}.csv`);
      await writeFile(file, complete + cut.slice(0, inQuotes));
      const { records, cutBytes } = await repair(file, chunkBytes);
      expect(records.map((r) => [r.burstId, r.errorMessage])).toEqual([
        [0, null],
        [1, 'say "hi"\nthen\nleave'],
      ]);
      expect(cutBytes).toBe(inQuotes);
      expect(await readFile(file, 'utf8')).toBe(complete);
    }
  });

  test('a bad row is refused naming the file, as the report refuses it', async () => {
    const file = path.join(root, 'bad.csv');
    await writeFile(file, header + line().replace(',true,', ',maybe,'));
    await expect(repair(file)).rejects.toThrow(`Latency file ${file}, data row 1:`);
  });

  test('a whole file is left alone', async () => {
    const file = path.join(root, 'whole.csv');
    await writeFile(file, header + line());
    const { records, cutBytes } = await repair(file);
    expect(cutBytes).toBe(0);
    expect(records).toHaveLength(1);
    expect(await readFile(file, 'utf8')).toBe(header + line());
  });

  test('a file killed before its header was complete, or never made, gets the header', async () => {
    const file = path.join(root, 'early.csv');
    await writeFile(file, header.slice(0, 20));
    expect(await repair(file)).toEqual({ records: [], cutBytes: 20 });
    expect(await readFile(file, 'utf8')).toBe(header);
    const missing = path.join(root, 'missing.csv');
    expect(await repair(missing)).toEqual({ records: [], cutBytes: 0 });
    expect(await readFile(missing, 'utf8')).toBe(header);
    const empty = path.join(root, 'empty.csv');
    await writeFile(empty, '');
    expect(await repair(empty, 4)).toEqual({ records: [], cutBytes: 0 });
    expect(await readFile(empty, 'utf8')).toBe(header);
  });

  test('a file whose first line is not the header is refused, not given one', async () => {
    const file = path.join(root, 'headless.csv');
    await writeFile(file, line() + line().slice(0, 10));
    await expect(repair(file, 16)).rejects.toThrow(`Latency file ${file} is not a faasbench latency CSV`);
  });
});
