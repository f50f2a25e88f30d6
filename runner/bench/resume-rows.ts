import path from 'node:path';
import type { ResolvedExperiment } from '../../experiments/schema/index.js';
import { rowKey } from '../engine/resume-plan.js';
import { LATENCY_FILE_NAME } from '../sinks/latency-csv.js';
import { chainRequestPicker, type ChainRequestRow, repairTransfersCsv, TRANSFERS_FILE_NAME, type TransfersRepair } from '../transfers/index.js';
import { repairLatencyCsv } from './repair-latency-csv.js';

/**
 * What `--resume` needs of a stopped run's rows: latencies.csv and transfers.csv cut back to their
 * complete rows and made ready for appending, and of each row only what the resume plan needs.
 * Both files are streamed; what is kept grows with the bursts (the `rows` map the plan asks for)
 * and, for chain sub-experiments alone, with their requests (who they are, for LOST hop rows),
 * never with the files' size: a killed study of a million requests resumes in bounded memory.
 */

export interface ResumeRows {
  /** Rows already in latencies.csv, `${sub}/${burst}` → indexes in burst. */
  readonly rows: ReadonlyMap<string, ReadonlySet<number>>;
  readonly done: { readonly bursts: number; readonly requests: number; readonly errors: number };
  /** The latest `end_ms` of a row (−Infinity: none). */
  readonly lastEndMs: number;
  /** Bytes cut from a last row of latencies.csv the kill had cut off. */
  readonly cutBytes: number;
  /** transfers.csv made ready for appending (a chain run; nothing to do otherwise). */
  readonly transfers: TransfersRepair;
}

export async function readResumeRows(
  dir: string,
  experiment: Pick<ResolvedExperiment, 'subExperiments'>,
  options: { readonly chunkBytes?: number } = {},
): Promise<ResumeRows> {
  const chainSubs = new Set(experiment.subExperiments.filter((sub) => sub.chain !== null).map((sub) => sub.index));
  const rows = new Map<string, Set<number>>();
  const chainRequests: ChainRequestRow[] = [];
  const pickChainRequest = chainRequestPicker();
  let errors = 0;
  let lastEndMs = Number.NEGATIVE_INFINITY;
  const { rows: requests, cutBytes } = await repairLatencyCsv(
    path.join(dir, LATENCY_FILE_NAME),
    (record) => {
      const key = rowKey(record.subExperimentIndex, record.burstId);
      let indexes = rows.get(key);
      if (indexes === undefined) rows.set(key, (indexes = new Set()));
      indexes.add(record.indexInBurst);
      if (!record.ok) errors += 1;
      if (record.endMs > lastEndMs) lastEndMs = record.endMs;
      if (chainSubs.has(record.subExperimentIndex)) chainRequests.push(pickChainRequest(record));
    },
    options,
  );
  const transfers = await repairTransfersCsv(path.join(dir, TRANSFERS_FILE_NAME), experiment, chainRequests, options);
  return { rows, done: { bursts: rows.size, requests, errors }, lastEndMs, cutBytes, transfers };
}
