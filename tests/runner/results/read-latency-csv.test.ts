import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LATENCY_HEADERS } from '../../../runner/results/latency-cells.js';
import { writeScaleLatencyFile } from '../../../runner/perf/scale-latency-file.js';
import { LatencyCsvParser, parseLatencyCsv, readLatencyCsv, readLatencyRecords } from '../../../runner/results/read-latency-csv.js';
import type { RequestRecord } from '../../../runner/results/request-record.js';
import { createLatencyCsvWriter } from '../../../runner/sinks/latency-csv.js';
import * as reference from '../reference/index.js';
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
  test('a malformed quote is refused with its data row', async () => {
    const text = await readFile(await written('malformed.csv', records.slice(0, 2)), 'utf8');
    const broken = text.replace('""quotes"""', '""quotes""" x');
    expect(broken).not.toBe(text);
    expect(() => parseLatencyCsv(broken, 'Latency file m.csv')).toThrow(
      'Latency file m.csv, data row 2: field 1 has text after its closing quote (a quote inside a quoted field must be doubled).',
    );
  });

  test('a folder is not a file', async () => {
    await expect(readLatencyCsv(dir)).rejects.toThrow(/cannot be read: EISDIR\.$/);
  });
});

/** What a read gave: its records, or its error's message. */
function outcome(read: () => unknown): unknown {
  try {
    return read();
  } catch (error) {
    return (error as Error).message;
  }
}

describe('the streaming reader against the whole-text reader it replaced', () => {
  test('a file cut anywhere gives exactly its complete rows, as the whole-text reader read them', async () => {
    const text = await readFile(await written('prefixes.csv', records), 'utf8');
    // Where each row ends (after its line end, outside quotes).
    const rowEnds = [0];
    let quoted = false;
    for (let i = 0; i < text.length; i += 1) {
      if (text[i] === '"') quoted = !quoted;
      else if (text[i] === '\n' && !quoted) rowEnds.push(i + 1);
    }
    for (let end = 0; end <= text.length; end += 1) {
      const complete = text.slice(0, Math.max(...rowEnds.filter((rowEnd) => rowEnd <= end)));
      expect({ end, read: parseLatencyCsv(text.slice(0, end), 'f') }).toEqual({ end, read: reference.parseLatencyCsv(complete, 'f') });
    }
    // The whole-text reader dropped a complete row when the cut fell just after the next row's opening
    // quote (papaparse then reports the quote as unterminated, and the last parsed row was dropped).
    const afterQuote = (rowEnds[2] as number) + 1;
    expect(text[afterQuote - 1]).toBe('"');
    expect(reference.parseLatencyCsv(text.slice(0, afterQuote), 'f')).toHaveLength(0);
    expect(parseLatencyCsv(text.slice(0, afterQuote), 'f')).toHaveLength(1);
  });

  test('foreign files and bad rows get the same messages', () => {
    const header = `${LATENCY_HEADERS.join(',')}\n`;
    for (const text of ['Request ID,Host\nx,y\n', 'just one line', `${header}\n\na,b\n`, `${header}a,b`, `\n${header}`]) {
      expect({ text, read: outcome(() => parseLatencyCsv(text, 'src')) }).toEqual({ text, read: outcome(() => reference.parseLatencyCsv(text, 'src')) });
    }
  });

  test('a file of many chunks, with quoted multi-line messages, streams to the same records', async () => {
    const filePath = path.join(dir, 'scale.csv');
    await writeScaleLatencyFile(filePath, 12_000);
    const text = await readFile(filePath, 'utf8');
    expect(text.length).toBeGreaterThan(3 * 1024 * 1024);
    const expected = reference.parseLatencyCsv(text, 'scale');
    expect(await readLatencyCsv(filePath)).toEqual(expected);
    // Fed in odd-sized pieces, every chunk boundary falls somewhere new.
    const pieces: unknown[] = [];
    const parser = new LatencyCsvParser('scale', (record) => pieces.push(record));
    for (let at = 0; at < text.length; at += 65_537) parser.push(text.slice(at, at + 65_537));
    expect(parser.end()).toBe(expected.length);
    expect(pieces).toEqual(expected);
  }, 60_000);

  test('the visitor sees each record once, in file order, and may wait after each chunk', async () => {
    const filePath = await written('visit.csv', records);
    const seen: number[] = [];
    let chunks = 0;
    const count = await readLatencyRecords(filePath, (record) => seen.push(record.indexInBurst), {
      afterChunk: async () => {
        chunks += 1;
      },
    });
    expect(count).toBe(4);
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(chunks).toBe(1);
  });

  test('a visitor’s own failure passes as it is, not as a file that cannot be read', async () => {
    const filePath = await written('visitor.csv', records);
    const failure = Object.assign(new Error('mkdir failed'), { code: 'EACCES' });
    await expect(
      readLatencyRecords(filePath, () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
  });
});
