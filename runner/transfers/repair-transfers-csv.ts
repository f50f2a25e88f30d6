import { appendFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { ResolvedChain, ResolvedExperiment } from '../../experiments/schema/index.js';
import { COMPLETE_ROWS_CHUNK_BYTES, cutToCompleteRows } from '../results/complete-rows.js';
import type { RequestRecord } from '../results/request-record.js';
import { hopRows } from './hop-rows.js';
import { readTransferRows } from './read-transfers-csv.js';
import { formatTransferRow } from './transfer-cells.js';
import { TRANSFER_HEADERS, type TransferRow } from './transfer-row.js';

/** Error code of the hop rows of a request whose answer was lost with a killed runner. */
export const HOP_ROWS_LOST = 'LOST';
export const HOP_ROWS_LOST_MESSAGE = "the run stopped before this request's hop rows were written; its answer, with every hop's stamps, is gone";

/** Joins a hop row with its request's row in latencies.csv. */
export function chainRequestKey(subExperimentIndex: number, burstId: number, indexInBurst: number): string {
  return `${subExperimentIndex}/${burstId}/${indexInBurst}`;
}

/** What a request's LOST hop rows need of its latencies.csv row: all a resume keeps of a chain row. */
export type ChainRequestRow = Pick<RequestRecord, 'subExperiment' | 'subExperimentIndex' | 'endpointIndex' | 'burstId' | 'indexInBurst'>;

/**
 * Picks the ChainRequestRow fields of rows that are kept. A cell read from a file is a slice of
 * the chunk it came in, and keeping the slice would keep the whole chunk (a kept name per chunk
 * is the whole file): each distinct sub-experiment name is copied once and shared.
 */
export function chainRequestPicker(): (row: ChainRequestRow) => ChainRequestRow {
  const names = new Map<string, string>();
  return (row) => {
    let name = names.get(row.subExperiment);
    if (name === undefined) names.set(row.subExperiment, (name = Buffer.from(row.subExperiment, 'utf8').toString('utf8')));
    return { subExperiment: name, subExperimentIndex: row.subExperimentIndex, endpointIndex: row.endpointIndex, burstId: row.burstId, indexInBurst: row.indexInBurst };
  };
}

/** LOST rows are appended in blocks of this many, so a file that lost every hop row is not built in memory. */
const LOST_ROWS_PER_APPEND = 4096;

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
 * `requests` are the chain sub-experiments' rows of latencies.csv after its own repair, in file
 * order (rows of other sub-experiments are ignored). transfers.csv is scanned and read streaming
 * (complete-rows.ts, read-transfers-csv.ts); what is kept is a key and the hops present per chain
 * request, not its rows. A run without a chain has no transfers.csv and needs nothing.
 */
export async function repairTransfersCsv(
  filePath: string,
  experiment: Pick<ResolvedExperiment, 'subExperiments'>,
  requests: readonly ChainRequestRow[],
  options: { readonly chunkBytes?: number } = {},
): Promise<TransfersRepair> {
  const chains = new Map<number, { chain: ResolvedChain; preinitThresholdMs: number }>();
  for (const sub of experiment.subExperiments) if (sub.chain !== null) chains.set(sub.index, { chain: sub.chain, preinitThresholdMs: sub.preinitThresholdMs });
  if (chains.size === 0) return { cutBytes: 0, lostRows: 0, written: new Set() };

  const { cutBytes, headerWritten } = await cutToCompleteRows(filePath, TRANSFER_HEADERS.join(','), options.chunkBytes ?? COMPLETE_ROWS_CHUNK_BYTES);
  // Per request in the file: who it is, and which hops it has.
  const present = new Map<string, { request: ChainRequestRow; hops: Set<number> }>();
  if (!headerWritten) {
    const pick = chainRequestPicker();
    await readTransferRows(filePath, (row) => {
      const key = chainRequestKey(row.subExperimentIndex, row.burstId, row.indexInBurst);
      let entry = present.get(key);
      if (entry === undefined) present.set(key, (entry = { request: pick(row), hops: new Set<number>() }));
      entry.hops.add(row.hop);
    });
  }

  // Lines, not cell records: what waits for its block's append is a line's bytes, not an object per cell.
  let lost: string[] = [];
  let lostRows = 0;
  const flush = async () => {
    if (lost.length === 0) return;
    const block = lost;
    lost = [];
    await appendFile(filePath, `${block.join('\n')}\n`, 'utf8');
  };
  // A sub-experiment's LOST rows are the same for every request but for whose they are: hopRows
  // builds them once, each request gets a copy with its own identity. (hopRows once per request
  // filled the old generation: 860 MB peak for a million-row study, `npm run perf -- scale`.)
  const lostTemplates = new Map<number, readonly TransferRow[]>();
  for (const [index, sub] of chains) {
    const nobody = { subExperiment: '', subExperimentIndex: index, endpointIndex: 0, burstId: 0, indexInBurst: 0 };
    lostTemplates.set(index, hopRows({ record: { ...nobody, errorCode: HOP_ROWS_LOST, errorMessage: HOP_ROWS_LOST_MESSAGE }, ...sub }, null));
  }
  const addLost = (request: ChainRequestRow, has: ReadonlySet<number>) => {
    const template = lostTemplates.get(request.subExperimentIndex);
    if (template === undefined) return;
    for (const row of template) {
      if (has.has(row.hop)) continue;
      const { subExperiment, subExperimentIndex, endpointIndex, burstId, indexInBurst } = request;
      const cells = formatTransferRow({ ...row, subExperiment, subExperimentIndex, endpointIndex, burstId, indexInBurst });
      lost.push(Papa.unparse([cells], { columns: [...TRANSFER_HEADERS], header: false, newline: '\n' }));
      lostRows += 1;
    }
  };
  const written = new Set<string>();
  for (const [key, entry] of present) {
    written.add(key);
    addLost(entry.request, entry.hops);
    if (lost.length >= LOST_ROWS_PER_APPEND) await flush();
  }
  present.clear();
  const noHops: ReadonlySet<number> = new Set();
  for (const request of requests) {
    const key = chainRequestKey(request.subExperimentIndex, request.burstId, request.indexInBurst);
    if (written.has(key) || !chains.has(request.subExperimentIndex)) continue;
    written.add(key);
    addLost(request, noHops);
    if (lost.length >= LOST_ROWS_PER_APPEND) await flush();
  }
  await flush();
  return { cutBytes, lostRows, written };
}
