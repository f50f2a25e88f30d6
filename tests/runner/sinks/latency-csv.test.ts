import { afterAll, afterEach, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { existsSync, WriteStream } from 'node:fs';
import Papa from 'papaparse';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatLatencyRow, LATENCY_HEADERS } from '../../../runner/results/latency-cells.js';
import { readLatencyCsv } from '../../../runner/results/read-latency-csv.js';
import { LATENCY_COLUMNS, type RequestRecord } from '../../../runner/results/request-record.js';
import { createLatencyCsvWriter, latencyCsvLine, ROWS_PER_TURN } from '../../../runner/sinks/latency-csv.js';
import { failedRecordFixture, recordFixture } from '../results/records.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-latency-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  jest.restoreAllMocks();
});

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What reading back should give: every ms value as written, rounded to the µs. */
function roundedToMicroseconds(record: RequestRecord): RequestRecord {
  const copy: Record<string, unknown> = { ...record };
  for (const [, field] of LATENCY_COLUMNS) {
    const value = record[field];
    if (typeof value === 'number' && !Number.isInteger(value)) copy[field] = Number(value.toFixed(3));
  }
  return copy as unknown as RequestRecord;
}

const awkward: RequestRecord[] = [
  recordFixture({ latencyMs: 40.1234567, scheduleLagMs: -0.0123, instanceStartedAt: 1795000000000.1239 }),
  recordFixture({ requestClass: 'cold', classSource: 'threshold', coldStart: null, subExperiment: '=1+1, "quoted" title' }),
  failedRecordFixture('HTTP_502', { errorMessage: '-bad gateway\nline two', endpointUrl: '@https://example.invalid/x?a=1,b=2' }),
  failedRecordFixture('TIMEOUT', { errorMessage: "'already quoted", remoteAddress: null, reusedConnection: true, connectedMs: null }),
];

describe('latencies.csv writer', () => {
  test('header first, then rows that read back equal (to the µs)', async () => {
    const filePath = path.join(dir, 'round-trip.csv');
    const writer = createLatencyCsvWriter(filePath);
    for (const record of awkward) writer.listener({ type: 'request', record });
    writer.listener({ type: 'sub-experiment-end', subExperimentIndex: 0, endMs: 1 });
    await writer.close();

    const text = await readFile(filePath, 'utf8');
    expect(text.split('\n')[0]).toBe(LATENCY_HEADERS.join(','));
    expect(text.endsWith('\n')).toBe(true);
    expect(text).toContain(',-0.012,'); // a negative number is not formula-escaped
    expect(text).toContain(`"'=1+1, ""quoted"" title"`);
    expect(text).not.toMatch(/e[+-]\d/);
    expect(await readLatencyCsv(filePath)).toEqual(awkward.map(roundedToMicroseconds));
  });

  test('a burst of 1000 completions is written in slices of ROWS_PER_TURN whole rows, on disk before close()', async () => {
    const writes = jest.spyOn(WriteStream.prototype, 'write');
    const filePath = path.join(dir, 'coalesced.csv');
    const writer = createLatencyCsvWriter(filePath);
    expect(writes).toHaveBeenCalledTimes(1); // the header, at creation
    for (let i = 0; i < 1000; i += 1) writer.listener({ type: 'request', record: recordFixture({ indexInBurst: i }) });
    expect(writes).toHaveBeenCalledTimes(1); // nothing yet: the listener only keeps the record
    await nextTurn();
    expect(writes.mock.calls.length).toBeGreaterThanOrEqual(2); // slices start on the next turn

    // An interrupted run: the file is read while the writer is still open.
    let lines = 0;
    for (let attempt = 0; attempt < 100 && lines < 1001; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      lines = (await readFile(filePath, 'utf8')).split('\n').length - 1;
    }
    expect(lines).toBe(1001);
    const slices = writes.mock.calls.slice(1).map(([chunk]) => String(chunk));
    expect(slices).toHaveLength(1000 / ROWS_PER_TURN);
    expect(slices.every((slice) => slice.endsWith('\n') && slice.split('\n').length - 1 === ROWS_PER_TURN)).toBe(true);
    expect((await readLatencyCsv(filePath)).map((r) => r.indexInBurst)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    await writer.close();
  });

  test('when the stream is full, rows wait for drain and arrive complete and in order', async () => {
    const filePath = path.join(dir, 'backpressure.csv');
    const writer = createLatencyCsvWriter(filePath);
    // 50 rows of 30 kB a turn: more than the stream's 1 MiB high-water mark, so writes wait for 'drain'.
    const long = 'x'.repeat(30_000);
    let sent = 0;
    for (let turn = 0; turn < 20; turn += 1) {
      for (let i = 0; i < 50; i += 1) {
        writer.listener({ type: 'request', record: recordFixture({ indexInBurst: sent, errorMessage: long }) });
        sent += 1;
      }
      await nextTurn();
    }
    await writer.close();
    const read = await readLatencyCsv(filePath);
    expect(read.map((r) => r.indexInBurst)).toEqual(Array.from({ length: sent }, (_, i) => i));
    expect(read.every((r) => r.errorMessage === long)).toBe(true);
  });

  test('close() is idempotent and later requests are ignored', async () => {
    const filePath = path.join(dir, 'closed.csv');
    const writer = createLatencyCsvWriter(filePath);
    writer.listener({ type: 'request', record: recordFixture() });
    await Promise.all([writer.close(), writer.close()]);
    writer.listener({ type: 'request', record: recordFixture() });
    await writer.close();
    expect(await readLatencyCsv(filePath)).toHaveLength(1);
  });

  test('rows are the cells of latency-cells.ts, quoted exactly as papaparse quotes them', () => {
    const tricky = [
      ...awkward,
      recordFixture({ subExperiment: ' leading space', errorMessage: 'trailing space ', instanceId: 'a\rb', requestId: '\uFEFFbom', region: 'plain' }),
      failedRecordFixture('ECONNRESET', { errorMessage: 'say "hi", then\nbye', endpointUrl: 'https://x.invalid/"q"' }),
    ];
    for (const record of tricky) {
      const expected = `${Papa.unparse([formatLatencyRow(record)], { columns: [...LATENCY_HEADERS], header: false, newline: '\n' })}\n`;
      expect(latencyCsvLine(record)).toBe(expected);
    }
  });

  test('disk full: onFailure hears the first write error at once, once; close() reports it', async () => {
    if (!existsSync('/dev/full')) return;
    const failures: Error[] = [];
    const writer = createLatencyCsvWriter('/dev/full', { onFailure: (error) => failures.push(error) });
    writer.listener({ type: 'request', record: recordFixture() });
    for (let attempt = 0; attempt < 200 && failures.length === 0; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(failures.map((e) => (e as NodeJS.ErrnoException).code)).toEqual(['ENOSPC']);
    writer.listener({ type: 'request', record: recordFixture() });
    await expect(writer.close()).rejects.toMatchObject({ name: 'UserError', message: expect.stringMatching(/could not be written: ENOSPC\.$/) });
    expect(failures).toHaveLength(1);
  });

  test('a file that cannot be written is reported by close()', async () => {
    const writer = createLatencyCsvWriter(path.join(dir, 'no', 'such', 'folder', 'latencies.csv'));
    writer.listener({ type: 'request', record: recordFixture() });
    await expect(writer.close()).rejects.toMatchObject({ name: 'UserError', message: expect.stringMatching(/could not be written: ENOENT\.$/) });
  });
});
