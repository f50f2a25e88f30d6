import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { UserError } from '../../experiments/schema/user-error.js';
import { whenQuiet } from '../dispatch/quiet.js';
import type { RunListener } from '../engine/events.js';
import { formatCell, LATENCY_HEADERS } from '../results/latency-cells.js';
import { LATENCY_COLUMNS, type RequestRecord } from '../results/request-record.js';

/**
 * latencies.csv, one row per request as it completes (completion order; every row carries its burst
 * and index, so the order does not matter).
 *
 * Off the dispatch path: the listener only keeps the record; rows are formatted and written on a
 * later event-loop turn when no dispatch is due (whenQuiet, quiet.ts), at most ROWS_PER_TURN per
 * task, so a burst of 1000 completions never blocks the loop for long, and no completed request
 * waits long to reach the file. Rows are built straight into one
 * string per slice, cell by cell (latency-cells.ts) and quoted as papaparse would, with no
 * per-row object. While the file stream is full (write() returned false) rows keep buffering until
 * 'drain' rather than piling onto it.
 *
 * Interruptions: rows reach the OS within a few turns of completing, so a run killed by a signal
 * loses at most those and may leave a cut-off last line, which readLatencyCsv drops. A clean stop
 * must await close(), which writes what is buffered and waits for 'finish'.
 */

export const LATENCY_FILE_NAME = 'latencies.csv';

/** Rows formatted and written per event-loop turn: about a millisecond of work on a slow core. */
export const ROWS_PER_TURN = 100;

export interface LatencyCsvWriter {
  readonly listener: RunListener;
  /** Writes what is buffered and ends the file; idempotent. Rejects if the file could not be written. */
  close(): Promise<void>;
}

export interface LatencyCsvOptions {
  /** Called once, with the first error writing the file (disk full, say), as soon as it happens. */
  readonly onFailure?: (error: Error) => void;
  /** Append rows to an existing file (a resumed run) instead of starting it with the header. */
  readonly append?: boolean;
}

export function createLatencyCsvWriter(filePath: string, options: LatencyCsvOptions = {}): LatencyCsvWriter {
  // A burst of 1000 rows is ~300 kB: a high-water mark above that keeps 'drain' waits for a stalled disk.
  const stream = createWriteStream(filePath, { encoding: 'utf8', highWaterMark: 1024 * 1024, flags: options.append === true ? 'a' : 'w' });
  let buffered: RequestRecord[] = [];
  /** Rows before this index are written already. */
  let head = 0;
  let flushScheduled = false;
  let waitingForDrain = false;
  let closing: Promise<void> | null = null;
  let failure: Error | null = null;
  stream.on('error', (error) => {
    if (failure !== null) return;
    failure = error;
    buffered = [];
    head = 0;
    options.onFailure?.(error);
  });
  if (options.append !== true) stream.write(`${LATENCY_HEADERS.join(',')}\n`);

  const pending = () => buffered.length - head;
  /** Up to `limit` buffered rows as CSV text, taken off the buffer. */
  const takeRows = (limit: number): string => {
    const end = Math.min(head + limit, buffered.length);
    let text = '';
    for (let i = head; i < end; i++) text += latencyCsvLine(buffered[i] as RequestRecord);
    head = end;
    if (head === buffered.length) {
      buffered = [];
      head = 0;
    } else if (head >= 4096 && head * 2 >= buffered.length) {
      // A long backlog that keeps growing: drop the written half now and then, not every turn.
      buffered = buffered.slice(head);
      head = 0;
    }
    return text;
  };

  const flush = (): void => {
    flushScheduled = false;
    if (waitingForDrain || pending() === 0 || failure !== null || closing !== null) return;
    const more = !stream.write(takeRows(ROWS_PER_TURN));
    if (more) {
      waitingForDrain = true;
      stream.once('drain', () => {
        waitingForDrain = false;
        flush();
      });
    } else if (pending() > 0) {
      scheduleFlush();
    }
  };

  const listener: RunListener = (event) => {
    // After a write failure the rows have nowhere to go; close() reports it.
    if (event.type !== 'request' || closing !== null || failure !== null) return;
    buffered.push(event.record);
    scheduleFlush();
  };

  function scheduleFlush(): void {
    if (flushScheduled) return;
    flushScheduled = true;
    whenQuiet(flush);
  }

  const finish = async (): Promise<void> => {
    // end() queues behind anything still waiting for 'drain', so order is kept.
    if (pending() > 0 && failure === null) stream.write(takeRows(pending()));
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
      throw new UserError(`Latency file ${filePath} could not be written: ${code ?? failure.message}.`);
    }
  };

  return {
    listener,
    close: () => (closing ??= finish()),
  };
}

/** Cells papaparse would quote: a quote, comma, line break or BOM inside, or a space at either end. */
const NEEDS_QUOTES = /[",\r\n\uFEFF]|^ | $/;

/** One record as a latencies.csv line (with its newline): the cells of latency-cells.ts, quoted as papaparse quotes them. */
export function latencyCsvLine(record: RequestRecord): string {
  let line = '';
  for (let i = 0; i < LATENCY_COLUMNS.length; i++) {
    const field = (LATENCY_COLUMNS[i] as (typeof LATENCY_COLUMNS)[number])[1];
    let cell = formatCell(field, record[field]);
    if (NEEDS_QUOTES.test(cell)) cell = `"${cell.replaceAll('"', '""')}"`;
    line += i === 0 ? cell : `,${cell}`;
  }
  return `${line}\n`;
}
