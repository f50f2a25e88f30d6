import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { LOST } from '../../../runner/bench/lost-records.js';
import {
  createTransfersCsvWriter,
  formatTransferRow,
  hopRows,
  HOP_ROWS_LOST,
  HOP_ROWS_LOST_MESSAGE,
  readTransferRows,
  repairTransfersCsv,
  TRANSFER_HEADERS,
  type TransferRow,
} from '../../../runner/transfers/index.js';
import { recordFixture } from '../results/records.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-repair-transfers-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const chain = { length: 3, transfer: 'storage', payloadBytes: 1024 } as const;
/** Sub-experiment 0 is a 3-function chain, 1 is not. */
const experiment = { subExperiments: [{ index: 0, chain, preinitThresholdMs: 10_000 }, { index: 1, chain: null, preinitThresholdMs: 10_000 }] } as never;
const header = `${TRANSFER_HEADERS.join(',')}\n`;

/** A chain request's record (sub 0) and its hop rows exactly as the sink writes them (here: no answer, a TIMEOUT). */
const request = (burstId: number, indexInBurst = 0) =>
  recordFixture({ subExperiment: 'chain', subExperimentIndex: 0, burstId, indexInBurst, ok: false, status: null, errorCode: 'TIMEOUT', errorMessage: 'no answer' });
const rowsOf = (burstId: number, indexInBurst = 0): string[] =>
  hopRows({ record: request(burstId, indexInBurst), chain, preinitThresholdMs: 10_000 }, null).map(
    (row) => `${Papa.unparse([formatTransferRow(row)], { columns: [...TRANSFER_HEADERS], header: false, newline: '\n' })}\n`,
  );

async function rowsIn(file: string): Promise<TransferRow[]> {
  const rows: TransferRow[] = [];
  await readTransferRows(file, (row) => rows.push(row));
  return rows;
}
const keyed = (rows: readonly TransferRow[]) => rows.map((r) => `${r.burstId}.${r.indexInBurst}:${r.hop}:${r.errorCode}`);

describe('transfers.csv of a stopped chain run, made ready for appending', () => {
  test('a cut-off last row is cut away, its missing hop and the requests without hop rows get LOST rows', async () => {
    const file = path.join(root, 'cut.csv');
    const [b0h0, b0h1] = rowsOf(0) as [string, string];
    const [b1h0, b1h1] = rowsOf(1) as [string, string];
    // Burst 0 whole; burst 1's first hop row whole, its second cut by the kill.
    await writeFile(file, header + b0h0 + b0h1 + b1h0 + b1h1.slice(0, 30));
    // latencies.csv has bursts 0, 1, 2 (burst 2's hop rows never reached the file), and a request of the chain-less sub.
    const records = [request(0), request(1), request(2), recordFixture({ subExperimentIndex: 1, burstId: 7 })];

    const repair = await repairTransfersCsv(file, experiment, records);
    expect(repair.cutBytes).toBe(30);
    expect(repair.lostRows).toBe(3);
    expect([...repair.written].sort()).toEqual(['0/0/0', '0/1/0', '0/2/0']);
    const rows = await rowsIn(file);
    expect(keyed(rows)).toEqual(['0.0:0:TIMEOUT', '0.0:1:TIMEOUT', '1.0:0:TIMEOUT', '1.0:1:LOST', '2.0:0:LOST', '2.0:1:LOST']);
    expect(rows[3]).toMatchObject({ subExperiment: 'chain', endpointIndex: 0, chainLength: 3, transfer: 'storage', payloadBytes: 1024, ok: false, errorMessage: HOP_ROWS_LOST_MESSAGE });
    // What the stopped run wrote is kept byte for byte.
    expect((await readFile(file, 'utf8')).startsWith(header + b0h0 + b0h1 + b1h0)).toBe(true);
  });

  test('hop rows of a request whose latency row was lost are kept, and the resume adds none for it', async () => {
    const file = path.join(root, 'ahead.csv');
    await writeFile(file, header + rowsOf(0).join('') + rowsOf(0, 1).join(''));
    // Only index 0 reached latencies.csv; index 1 becomes a LOST row of the resume, and so does burst 3.
    const repair = await repairTransfersCsv(file, experiment, [request(0)]);
    expect(repair.lostRows).toBe(0);

    const writer = createTransfersCsvWriter(file, { append: true, written: repair.written });
    writer.listener({ type: 'run-start', run: { experiment } } as never);
    for (const lost of [{ burstId: 0, indexInBurst: 1 }, { burstId: 3, indexInBurst: 0 }]) {
      writer.listener({ type: 'request', record: recordFixture({ subExperiment: 'chain', subExperimentIndex: 0, ...lost, ok: false, errorCode: LOST, errorMessage: 'in flight at the stop' }) });
    }
    await writer.close();
    const rows = await rowsIn(file);
    expect(keyed(rows)).toEqual(['0.0:0:TIMEOUT', '0.0:1:TIMEOUT', '0.1:0:TIMEOUT', '0.1:1:TIMEOUT', '3.0:0:LOST', '3.0:1:LOST']);
    expect(rows[4]?.errorMessage).toBe('in flight at the stop');
    expect((await readFile(file, 'utf8')).split('\n').filter((line) => line.startsWith('sub_experiment,'))).toHaveLength(1);
  });

  test('a header cut off, or no file at all, becomes the header, then the LOST rows', async () => {
    const early = path.join(root, 'early.csv');
    await writeFile(early, header.slice(0, 25));
    expect(await repairTransfersCsv(early, experiment, [])).toEqual({ cutBytes: 25, lostRows: 0, written: new Set() });
    expect(await readFile(early, 'utf8')).toBe(header);

    const missing = path.join(root, 'missing.csv');
    const repair = await repairTransfersCsv(missing, experiment, [request(4)]);
    expect(repair).toMatchObject({ cutBytes: 0, lostRows: 2 });
    expect(keyed(await rowsIn(missing))).toEqual(['4.0:0:LOST', '4.0:1:LOST']);
  });

  test('a whole file is left alone, and a run without a chain has no transfers.csv to make', async () => {
    const whole = path.join(root, 'whole.csv');
    const text = header + rowsOf(0).join('');
    await writeFile(whole, text);
    expect(await repairTransfersCsv(whole, experiment, [request(0)])).toMatchObject({ cutBytes: 0, lostRows: 0 });
    expect(await readFile(whole, 'utf8')).toBe(text);

    const none = path.join(root, 'none.csv');
    expect(await repairTransfersCsv(none, { subExperiments: [{ index: 0, chain: null }] } as never, [request(0)])).toEqual({ cutBytes: 0, lostRows: 0, written: new Set() });
    await expect(stat(none)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('scanned in small chunks, and thousands of LOST rows appended in blocks, in order', async () => {
    const file = path.join(root, 'many.csv');
    const [b0h0, b0h1] = rowsOf(0) as [string, string];
    await writeFile(file, header + b0h0 + b0h1.slice(0, 50));
    // 2,500 requests without hop rows: 5,000 LOST rows, more than one block.
    const requests = Array.from({ length: 2500 }, (_, i) => request(i));
    const repair = await repairTransfersCsv(file, experiment, requests, { chunkBytes: 7 });
    expect(repair).toMatchObject({ cutBytes: 50, lostRows: 1 + 2 * 2499 });
    expect(repair.written.size).toBe(2500);
    const rows = await rowsIn(file);
    expect(rows).toHaveLength(5000);
    expect(keyed(rows.slice(0, 4))).toEqual(['0.0:0:TIMEOUT', '0.0:1:LOST', '1.0:0:LOST', '1.0:1:LOST']);
    expect(keyed(rows.slice(-2))).toEqual(['2499.0:0:LOST', '2499.0:1:LOST']);
    expect(rows.map((r) => r.burstId * 2 + r.hop)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    // Each exactly what hopRows gives the request as a LOST answer, whoever it is.
    const asLost = (burstId: number) =>
      hopRows({ record: { ...request(burstId), endpointIndex: burstId % 3, errorCode: HOP_ROWS_LOST, errorMessage: HOP_ROWS_LOST_MESSAGE }, chain, preinitThresholdMs: 10_000 }, null);
    const other = path.join(root, 'identities.csv');
    await repairTransfersCsv(other, experiment, [7, 8].map((burstId) => ({ ...request(burstId), subExperiment: `chain ${burstId}`, endpointIndex: burstId % 3 })));
    expect(await rowsIn(other)).toEqual([7, 8].flatMap((burstId) => asLost(burstId).map((row) => ({ ...row, subExperiment: `chain ${burstId}` }))));
  });
});
