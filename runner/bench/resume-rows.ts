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
  const rows = new BurstIndexes();
  const chainRequests: ChainRequestRow[] = [];
  const pickChainRequest = chainRequestPicker();
  let errors = 0;
  let lastEndMs = Number.NEGATIVE_INFINITY;
  const { rows: requests, cutBytes } = await repairLatencyCsv(
    path.join(dir, LATENCY_FILE_NAME),
    (record) => {
      rows.add(rowKey(record.subExperimentIndex, record.burstId), record.indexInBurst);
      if (!record.ok) errors += 1;
      if (record.endMs > lastEndMs) lastEndMs = record.endMs;
      if (chainSubs.has(record.subExperimentIndex)) chainRequests.push(pickChainRequest(record));
    },
    options,
  );
  const transfers = await repairTransfersCsv(path.join(dir, TRANSFERS_FILE_NAME), experiment, chainRequests, options);
  const indexes = rows.finish();
  return { rows: indexes, done: { bursts: indexes.size, requests, errors }, lastEndMs, cutBytes, transfers };
}

/** Indexes below this are bits of one number while reading (31 bits: a mask stays a positive int). */
const MASK_INDEXES = 31;

/**
 * The indexes in burst that have a row, per burst. A study of a million requests can have a
 * million bursts, and a Set each is ~200 bytes: while reading, a burst's indexes below 31 are bits
 * of a number, and at the end bursts with the same indexes share one read-only Set (all single-request
 * bursts share {0}, all whole bursts of ten share {0..9}). Only bursts with an index past 30 keep
 * a Set of their own.
 */
export class BurstIndexes {
  private readonly byBurst = new Map<string, number | Set<number>>();

  add(key: string, indexInBurst: number): void {
    const have = this.byBurst.get(key) ?? 0;
    if (typeof have === 'number' && indexInBurst < MASK_INDEXES) {
      this.byBurst.set(key, have | (1 << indexInBurst));
      return;
    }
    const set = typeof have === 'number' ? setOfMask(have) : have;
    set.add(indexInBurst);
    if (set !== have) this.byBurst.set(key, set);
  }

  /** The map the resume plan reads; the builder is spent (its map is the result, values replaced in place). */
  finish(): ReadonlyMap<string, ReadonlySet<number>> {
    const shared = new Map<number, ReadonlySet<number>>();
    for (const [key, have] of this.byBurst) {
      if (typeof have !== 'number') continue;
      let set = shared.get(have);
      if (set === undefined) shared.set(have, (set = setOfMask(have)));
      this.byBurst.set(key, set as Set<number>);
    }
    return this.byBurst as ReadonlyMap<string, ReadonlySet<number>>;
  }
}

function setOfMask(mask: number): Set<number> {
  const set = new Set<number>();
  for (let index = 0; index < MASK_INDEXES; index += 1) if ((mask & (1 << index)) !== 0) set.add(index);
  return set;
}
