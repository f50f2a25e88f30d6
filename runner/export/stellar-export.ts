import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import Papa from 'papaparse';
import { UserError } from '../../experiments/schema/user-error.js';
import { readLatencyRecords } from '../results/read-latency-csv.js';
import type { RequestRecord } from '../results/request-record.js';
import { experimentSlug } from '../results/run-folder.js';
import { STELLAR_HEADER, stellarRow } from './stellar-csv.js';

/**
 * The STeLLAR export of a run, streamed: latencies.csv is read row by row and each successful
 * request is written straight to its sub-experiment's file, so a run of any size is exported in
 * the memory of a few rows. STeLLAR wrote one latencies.csv per sub-experiment folder (and its burst
 * ids restart per sub-experiment, as ours do), so its plotting scripts get
 * `stellar/<index>-<sub-experiment>/latencies.csv`, with exactly the text stellarCsv gives for the
 * same records. Each file is written to a temporary name and renamed when complete: a reader never
 * sees half a file, and an export that fails leaves no file behind.
 */

export const STELLAR_FOLDER = 'stellar';

/** Rows buffered per file between writes. */
const ROWS_PER_WRITE = 2000;

export interface StellarExportFile {
  readonly subExperimentIndex: number;
  readonly filePath: string;
  /** Successful requests written. */
  readonly rows: number;
}

interface OpenFile {
  readonly subExperimentIndex: number;
  readonly filePath: string;
  readonly tempPath: string;
  readonly stream: WriteStream;
  pending: string[][];
  rows: number;
  failure: Error | null;
}

/** Writes `<runDir>/stellar/<i>-<slug>/latencies.csv` for every sub-experiment in `latencyCsvPath`; returns the files, by index. */
export async function writeStellarExport(latencyCsvPath: string, runDir: string, originEpochMs: number): Promise<StellarExportFile[]> {
  const files = new Map<number, OpenFile>();

  const fileFor = (record: RequestRecord): OpenFile => {
    let file = files.get(record.subExperimentIndex);
    if (file === undefined) {
      // Named after the sub-experiment's first row, as the record-based export named it.
      const folder = path.join(runDir, STELLAR_FOLDER, `${record.subExperimentIndex}-${experimentSlug(record.subExperiment)}`);
      const filePath = path.join(folder, 'latencies.csv');
      const tempPath = `${filePath}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
      // Synchronous: once per sub-experiment, and the stream must find its folder when it opens.
      mkdirSync(folder, { recursive: true });
      const stream = createWriteStream(tempPath, { encoding: 'utf8', flags: 'w' });
      const opened: OpenFile = { subExperimentIndex: record.subExperimentIndex, filePath, tempPath, stream, pending: [], rows: 0, failure: null };
      stream.on('error', (error) => {
        opened.failure ??= error;
      });
      stream.write(`${STELLAR_HEADER.join(',')}\n`);
      file = opened;
      files.set(record.subExperimentIndex, file);
    }
    return file;
  };

  const flush = async (file: OpenFile): Promise<void> => {
    if (file.pending.length === 0) return;
    const text = `${Papa.unparse(file.pending, { newline: '\n' })}\n`;
    file.pending = [];
    if (!file.stream.write(text) && file.failure === null) await once(file.stream, 'drain');
  };

  try {
    await readLatencyRecords(
      latencyCsvPath,
      (record) => {
        const file = fileFor(record);
        if (!record.ok) return;
        file.pending.push(stellarRow(record, originEpochMs));
        file.rows += 1;
      },
      {
        afterChunk: async () => {
          for (const file of files.values()) if (file.pending.length >= ROWS_PER_WRITE) await flush(file);
        },
      },
    );
    for (const file of files.values()) {
      await flush(file);
      file.stream.end();
      await finished(file.stream).catch((error: Error) => {
        file.failure ??= error;
      });
      if (file.failure !== null) {
        const code = (file.failure as NodeJS.ErrnoException).code;
        throw new UserError(`STeLLAR export ${file.filePath} could not be written: ${code ?? file.failure.message}.`);
      }
    }
    for (const file of files.values()) await rename(file.tempPath, file.filePath);
  } catch (error) {
    for (const file of files.values()) {
      // A stream still opening would create its file after the rm: let it close first.
      file.stream.destroy();
      await finished(file.stream).catch(() => undefined);
      await rm(file.tempPath, { force: true });
    }
    if (UserError.is(error) || typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
    throw new UserError(`STeLLAR export under ${path.join(runDir, STELLAR_FOLDER)} could not be written: ${(error as NodeJS.ErrnoException).code}.`);
  }
  return [...files.values()]
    .sort((a, b) => a.subExperimentIndex - b.subExperimentIndex)
    .map(({ subExperimentIndex, filePath, rows }) => ({ subExperimentIndex, filePath, rows }));
}
