import { createWriteStream, statSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import Papa from 'papaparse';
import { UserError } from '../../experiments/schema/user-error.js';
import type { ResolvedChain } from '../../experiments/schema/index.js';
import type { RunListener } from '../engine/events.js';
import type { ChainRecord } from './chain-record.js';
import { type ChainRequest, hopRows } from './hop-rows.js';
import { parseBody } from './hop-reports.js';
import { formatTransferRow } from './transfer-cells.js';
import { TRANSFER_HEADERS } from './transfer-row.js';
import { chainRequestKey } from './repair-transfers-csv.js';
import { LOST } from '../bench/lost-records.js';

export const TRANSFERS_FILE_NAME = 'transfers.csv';

/**
 * The transfers.csv sink: for each request of a chain sub-experiment, one row per hop-to-hop
 * transfer (hop-rows.ts). It consumes the same `request` events as latencies.csv and does its
 * work off the timed path: an event only queues the record; the answer's JSON is parsed and the
 * rows formatted once per event-loop turn (setImmediate), after the requests that completed in it.
 * The LOST rows a resume writes for requests in flight at the stop get N − 1 hop rows with error
 * LOST too, unless the stopped run had written that request's hop rows already (`written`, from
 * repairTransfersCsv): so every chain row of latencies.csv has its hop rows, once. Only written
 * for a run with a chain; appended to on resume.
 */
export interface TransfersCsvWriter {
  readonly listener: RunListener;
  /** Writes what is queued and ends the file; idempotent. Rejects if the file could not be written. */
  close(): Promise<void>;
}

export interface TransfersCsvOptions {
  /** Append rows to an existing file (a resumed run) instead of starting it with the header. */
  readonly append?: boolean;
  /** Requests whose hop rows the file holds already (chainRequestKey): a resume's LOST rows for them add none. */
  readonly written?: ReadonlySet<string>;
  /** Called once, on the first write error, so the run can stop at once. */
  readonly onFailure?: (error: Error) => void;
}

export function createTransfersCsvWriter(filePath: string, options: TransfersCsvOptions = {}): TransfersCsvWriter {
  let chains = new Map<number, { chain: ResolvedChain; preinitThresholdMs: number }>();
  let stream: ReturnType<typeof createWriteStream> | null = null;
  let failure: Error | null = null;
  let queued: ChainRecord[] = [];
  let flushScheduled: NodeJS.Immediate | null = null;
  let waitingForDrain = false;
  let closing: Promise<void> | null = null;

  const open = () => {
    const needsHeader = options.append !== true || !hasContent(filePath);
    const opened = createWriteStream(filePath, { encoding: 'utf8', flags: options.append === true ? 'a' : 'w' });
    opened.on('error', (error) => {
      if (failure !== null) return;
      failure = error;
      options.onFailure?.(error);
    });
    if (needsHeader) opened.write(`${TRANSFER_HEADERS.join(',')}\n`);
    return opened;
  };

  const takeQueued = (): string => {
    const rows = queued.flatMap((record) => {
      const sub = chains.get(record.subExperimentIndex) as { chain: ResolvedChain; preinitThresholdMs: number };
      const request: ChainRequest = { record, chain: sub.chain, preinitThresholdMs: sub.preinitThresholdMs };
      return hopRows(request, record.chainBody === undefined ? null : parseBody(record.chainBody)).map(formatTransferRow);
    });
    queued = [];
    return rows.length === 0 ? '' : `${Papa.unparse(rows, { columns: [...TRANSFER_HEADERS], header: false, newline: '\n' })}\n`;
  };

  const flush = (): void => {
    flushScheduled = null;
    if (stream === null || waitingForDrain || queued.length === 0 || failure !== null) return;
    if (!stream.write(takeQueued())) {
      waitingForDrain = true;
      stream.once('drain', () => {
        waitingForDrain = false;
        flush();
      });
    }
  };

  const listener: RunListener = (event) => {
    if (event.type === 'run-start') {
      chains = new Map(
        event.run.experiment.subExperiments.flatMap((sub) => (sub.chain === null ? [] : [[sub.index, { chain: sub.chain, preinitThresholdMs: sub.preinitThresholdMs }] as const])),
      );
      if (chains.size > 0) stream = open();
      return;
    }
    if (event.type !== 'request' || stream === null || closing !== null || failure !== null) return;
    const record: ChainRecord = event.record;
    if (!chains.has(record.subExperimentIndex)) return;
    if (record.errorCode === LOST && options.written?.has(chainRequestKey(record.subExperimentIndex, record.burstId, record.indexInBurst)) === true) return;
    queued.push(record);
    flushScheduled ??= setImmediate(flush);
  };

  const finish = async (): Promise<void> => {
    if (flushScheduled !== null) clearImmediate(flushScheduled);
    flushScheduled = null;
    if (stream === null) return;
    if (queued.length > 0 && failure === null) stream.write(takeQueued());
    stream.end();
    try {
      await finished(stream);
    } catch (error) {
      if (failure === null) {
        failure = error as Error;
        options.onFailure?.(failure);
      }
    }
    if (failure !== null) {
      const code = (failure as NodeJS.ErrnoException).code;
      throw new UserError(`Transfers file ${filePath} could not be written: ${code ?? failure.message}.`);
    }
  };

  return { listener, close: () => (closing ??= finish()) };
}

/** A resumed run appends; a file the stopped run never started still needs its header. */
function hasContent(filePath: string): boolean {
  try {
    return statSync(filePath).size > 0;
  } catch {
    return false;
  }
}
