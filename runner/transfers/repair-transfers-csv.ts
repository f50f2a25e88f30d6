import { appendFile, readFile, truncate, writeFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { ResolvedChain, ResolvedExperiment } from '../../experiments/schema/index.js';
import { completeRowsPrefix } from '../bench/repair-latency-csv.js';
import type { RequestRecord } from '../results/request-record.js';
import { hopRows } from './hop-rows.js';
import { readTransferRows } from './read-transfers-csv.js';
import { formatTransferRow } from './transfer-cells.js';
import { TRANSFER_HEADERS } from './transfer-row.js';

/** Error code of the hop rows of a request whose answer was lost with a killed runner. */
export const HOP_ROWS_LOST = 'LOST';
export const HOP_ROWS_LOST_MESSAGE = "the run stopped before this request's hop rows were written; its answer, with every hop's stamps, is gone";

/** Joins a hop row with its request's row in latencies.csv. */
export function chainRequestKey(subExperimentIndex: number, burstId: number, indexInBurst: number): string {
  return `${subExperimentIndex}/${burstId}/${indexInBurst}`;
}

type LostRequest = Pick<RequestRecord, 'subExperiment' | 'subExperimentIndex' | 'endpointIndex' | 'burstId' | 'indexInBurst'>;

export interface TransfersRepair {
  /** Bytes of a cut-off last row removed. */
  readonly cutBytes: number;
  /** LOST hop rows appended: for requests with a latency row but no hop rows, and for the hops a cut-off write missed. */
  readonly lostRows: number;
  /** Requests that have their hop rows now: the resume's sink must not write them twice. */
  readonly written: ReadonlySet<string>;
}

/**
 * Makes a stopped chain run's transfers.csv ready for appending (--resume), keeping the file's
 * promise: every row of a chain sub-experiment in latencies.csv has its N − 1 hop rows.
 *
 * The two files are written by two sinks, each once per event-loop turn, so a kill can leave
 * either ahead of the other:
 * - a last row cut off by the kill is cut away (a header cut off is written again whole);
 * - a request with its latency row but no hop rows gets N − 1 rows with error LOST: its answer,
 *   which held the stamps, died with the runner; a request whose rows the kill cut part way gets
 *   LOST rows for the hops it lacks;
 * - hop rows of a request whose latency row was lost are kept: they were measured. The resume
 *   records that request as LOST in latencies.csv, and its sink must not add hop rows for it
 *   again, hence `written`.
 *
 * `records` are the complete rows of latencies.csv after its own repair. A run without a chain
 * has no transfers.csv and needs nothing.
 */
export async function repairTransfersCsv(
  filePath: string,
  experiment: Pick<ResolvedExperiment, 'subExperiments'>,
  records: readonly RequestRecord[],
): Promise<TransfersRepair> {
  const chains = new Map<number, { chain: ResolvedChain; preinitThresholdMs: number }>();
  for (const sub of experiment.subExperiments) if (sub.chain !== null) chains.set(sub.index, { chain: sub.chain, preinitThresholdMs: sub.preinitThresholdMs });
  if (chains.size === 0) return { cutBytes: 0, lostRows: 0, written: new Set() };

  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    text = '';
  }
  const complete = completeRowsPrefix(text);
  const cutBytes = Buffer.byteLength(text) - Buffer.byteLength(complete);
  // Per request in the file: who it is, and which hops it has.
  const present = new Map<string, { request: LostRequest; hops: Set<number> }>();
  if (complete === '') {
    await writeFile(filePath, `${TRANSFER_HEADERS.join(',')}\n`, 'utf8');
  } else {
    if (cutBytes > 0) await truncate(filePath, Buffer.byteLength(complete));
    await readTransferRows(filePath, (row) => {
      const key = chainRequestKey(row.subExperimentIndex, row.burstId, row.indexInBurst);
      const entry = present.get(key) ?? { request: row, hops: new Set<number>() };
      entry.hops.add(row.hop);
      present.set(key, entry);
    });
  }

  const lost: Record<string, string>[] = [];
  const addLost = (request: LostRequest, has: ReadonlySet<number>) => {
    const sub = chains.get(request.subExperimentIndex);
    if (sub === undefined) return;
    const rows = hopRows({ record: { ...request, errorCode: HOP_ROWS_LOST, errorMessage: HOP_ROWS_LOST_MESSAGE }, ...sub }, null);
    for (const row of rows) if (!has.has(row.hop)) lost.push(formatTransferRow(row));
  };
  for (const entry of present.values()) addLost(entry.request, entry.hops);
  for (const record of records) {
    const key = chainRequestKey(record.subExperimentIndex, record.burstId, record.indexInBurst);
    if (present.has(key) || !chains.has(record.subExperimentIndex)) continue;
    present.set(key, { request: record, hops: new Set() });
    addLost(record, new Set());
  }
  if (lost.length > 0) await appendFile(filePath, `${Papa.unparse(lost, { columns: [...TRANSFER_HEADERS], header: false, newline: '\n' })}\n`, 'utf8');
  return { cutBytes, lostRows: lost.length, written: new Set(present.keys()) };
}
