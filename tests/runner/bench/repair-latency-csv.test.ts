import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { completeRowsPrefix, repairLatencyCsv } from '../../../runner/bench/repair-latency-csv.js';
import { formatLatencyRow, LATENCY_HEADERS } from '../../../runner/results/index.js';
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
    const { records, cutBytes } = await repairLatencyCsv(file);
    expect(records.map((r) => r.burstId)).toEqual([0, 1]);
    expect(cutBytes).toBe(40);
    expect(await readFile(file, 'utf8')).toBe(complete);
  });

  test('a whole file is left alone', async () => {
    const file = path.join(root, 'whole.csv');
    await writeFile(file, header + line());
    expect((await repairLatencyCsv(file)).cutBytes).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(header + line());
  });

  test('a file killed before its header was complete, or never made, gets the header', async () => {
    const file = path.join(root, 'early.csv');
    await writeFile(file, header.slice(0, 20));
    expect(await repairLatencyCsv(file)).toEqual({ records: [], cutBytes: 20 });
    expect(await readFile(file, 'utf8')).toBe(header);
    const missing = path.join(root, 'missing.csv');
    expect((await repairLatencyCsv(missing)).records).toEqual([]);
    expect(await readFile(missing, 'utf8')).toBe(header);
  });
});
