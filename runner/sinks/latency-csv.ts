import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import Papa from 'papaparse';
import { UserError } from '../../experiments/schema/user-error.js';
import type { RunListener } from '../engine/events.js';
import { formatLatencyRow, LATENCY_HEADERS } from '../results/latency-cells.js';

/**
 * latencies.csv, one row per request as it completes (completion order; every row carries its burst
 * and index, so the order does not matter). A burst's completions arrive in one flurry, so rows are
 * buffered and written once per event-loop turn (setImmediate): a burst of 1000 becomes a handful of
 * writes, and no completed request waits longer than one turn to reach the file. While the file
 * stream is full (write() returned false) rows keep buffering until 'drain' rather than piling onto it.
 *
 * Interruptions: rows reach the OS within a turn of completing, so a run killed by a signal loses at
 * most that turn's rows and may leave a cut-off last line, which readLatencyCsv drops. A clean stop
 * must await close(), which writes what is buffered and waits for 'finish'.
 */

export const LATENCY_FILE_NAME = 'latencies.csv';

export interface LatencyCsvWriter {
  readonly listener: RunListener;
  /** Writes what is buffered and ends the file; idempotent. Rejects if the file could not be written. */
  close(): Promise<void>;
}

export interface LatencyCsvOptions {
  /** Called once, on the first write error (a full disk, say), so the run can stop at once. */
  readonly onFailure?: (error: Error) => void;
  /** Append rows to an existing file (a resumed run) instead of starting it with the header. */
  readonly append?: boolean;
}

export function createLatencyCsvWriter(filePath: string, options: LatencyCsvOptions = {}): LatencyCsvWriter {
  const stream = createWriteStream(filePath, { encoding: 'utf8', flags: options.append === true ? 'a' : 'w' });
  let failure: Error | null = null;
  stream.on('error', (error) => {
    if (failure !== null) return;
    failure = error;
    options.onFailure?.(error);
  });
  if (options.append !== true) stream.write(`${LATENCY_HEADERS.join(',')}\n`);

  let buffered: Record<string, string>[] = [];
  let flushScheduled: NodeJS.Immediate | null = null;
  let waitingForDrain = false;
  let closing: Promise<void> | null = null;

  const takeBuffered = (): string => {
    const text = `${Papa.unparse(buffered, { columns: [...LATENCY_HEADERS], header: false, newline: '\n' })}\n`;
    buffered = [];
    return text;
  };

  const flush = (): void => {
    flushScheduled = null;
    if (waitingForDrain || buffered.length === 0 || failure !== null) return;
    if (!stream.write(takeBuffered())) {
      waitingForDrain = true;
      stream.once('drain', () => {
        waitingForDrain = false;
        flush();
      });
    }
  };

  const listener: RunListener = (event) => {
    // After a write failure the rows have nowhere to go; close() reports it.
    if (event.type !== 'request' || closing !== null || failure !== null) return;
    buffered.push(formatLatencyRow(event.record));
    flushScheduled ??= setImmediate(flush);
  };

  const finish = async (): Promise<void> => {
    if (flushScheduled !== null) clearImmediate(flushScheduled);
    flushScheduled = null;
    // end() queues behind anything still waiting for 'drain', so order is kept.
    if (buffered.length > 0 && failure === null) stream.write(takeBuffered());
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
