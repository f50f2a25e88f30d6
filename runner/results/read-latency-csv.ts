import { createReadStream } from 'node:fs';
import { UserError } from '../../experiments/schema/user-error.js';
import { CsvQuoteError, CsvRowSplitter } from './csv-rows.js';
import { LATENCY_HEADERS, parseLatencyRow } from './latency-cells.js';
import type { RequestRecord } from './request-record.js';

/**
 * Reads latencies.csv back, streaming: the file is read in chunks and each row is checked and
 * converted (latency-cells.ts, column by column, so ids and codes stay text) and handed to a visitor
 * the moment its line end arrives. Nothing of a row is kept here: a million-row file costs what the
 * visitor keeps (see latency-table.ts), not the file's size.
 *
 * The writer ends every row with a newline, so a file that does not end in one, or ends inside an
 * open quote, was cut off by an interrupted run: its final row is incomplete and is dropped. Every
 * other problem (missing columns, a row with too few or too many fields, a bad cell, a malformed
 * quote) is a UserError naming the file and the data row.
 */

export type RecordVisitor = (record: RequestRecord) => void;

export interface ReadOptions {
  /** Awaited after each chunk's rows were visited: a visitor that writes can wait for its streams to drain. */
  readonly afterChunk?: () => Promise<void>;
}

const CHUNK_BYTES = 1 << 20;

/** Streams `filePath`'s records to `visit`, in file order; resolves with the number visited. */
export async function readLatencyRecords(filePath: string, visit: RecordVisitor, options: ReadOptions = {}): Promise<number> {
  const parser = new LatencyCsvParser(`Latency file ${filePath}`, visit);
  const stream = createReadStream(filePath, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<string>;
  try {
    for (;;) {
      let next: IteratorResult<string>;
      try {
        next = await chunks.next();
      } catch (error) {
        // Only opening and reading are the file's problems; the parser's and the visitor's errors pass as they are.
        throw cannotRead(filePath, error);
      }
      if (next.done === true) break;
      parser.push(next.value);
      if (options.afterChunk !== undefined) await options.afterChunk();
    }
  } finally {
    stream.destroy();
  }
  return parser.end();
}

/** Every record of `filePath`, as an array: for tests and small files. Reports go through latency-table.ts. */
export async function readLatencyCsv(filePath: string): Promise<RequestRecord[]> {
  const records: RequestRecord[] = [];
  await readLatencyRecords(filePath, (record) => records.push(record));
  return records;
}

/** As readLatencyCsv, from text; `source` names it in errors. */
export function parseLatencyCsv(text: string, source: string): RequestRecord[] {
  const records: RequestRecord[] = [];
  const parser = new LatencyCsvParser(source, (record) => records.push(record));
  parser.push(text);
  parser.end();
  return records;
}

function cannotRead(filePath: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException).code;
  return new UserError(`Latency file ${filePath} cannot be read: ${code === 'ENOENT' ? 'there is no such file' : String(code ?? error)}.`);
}

const HEADER_LINE = LATENCY_HEADERS.join(',');

/** Header check, row shape, cells to records; fed text in chunks of any size. */
export class LatencyCsvParser {
  private readonly splitter = new CsvRowSplitter((fields) => this.row(fields));
  private fieldCount = 0;
  /** For each LATENCY_HEADERS entry, its field's position in the file's rows; null until the header is read. */
  private positions: number[] | null = null;
  /** One object reused for every row: parseLatencyRow reads it, the record it returns is new. */
  private readonly cells: Record<string, string> = Object.fromEntries(LATENCY_HEADERS.map((header) => [header, '']));
  private dataRows = 0;
  private visited = 0;
  /** The file's first characters, enough to recognise a header cut off before its line end. */
  private head = '';
  private sawText = false;

  constructor(
    private readonly source: string,
    private readonly visit: RecordVisitor,
  ) {}

  push(text: string): void {
    let chunk = text;
    if (!this.sawText && chunk.length > 0) {
      this.sawText = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    if (this.positions === null && this.head.length <= HEADER_LINE.length) this.head += chunk.slice(0, HEADER_LINE.length + 1);
    try {
      this.splitter.push(chunk);
    } catch (error) {
      if (error instanceof CsvQuoteError) {
        const where = this.positions === null ? 'header' : `data row ${this.dataRows + 1}`;
        throw new UserError(`${this.source}, ${where}: ${error.message}.`);
      }
      throw error;
    }
  }

  /** The input is complete; returns the number of records visited. A cut-off last row is dropped. */
  end(): number {
    const unfinished = this.splitter.end();
    if (this.positions === null && unfinished !== null) {
      // Interrupted before (or while) the header reached the disk: nothing was measured yet.
      if (!this.head.includes('\n') && HEADER_LINE.startsWith(this.head)) return this.visited;
      // A one-line file is read as a header, so a foreign file still gets the missing-columns message.
      this.header(unfinished);
    }
    return this.visited;
  }

  private row(fields: string[]): void {
    if (fields.length === 1 && fields[0] === '') return;
    const positions = this.positions;
    if (positions === null) {
      this.header(fields);
      return;
    }
    this.dataRows += 1;
    if (fields.length !== this.fieldCount) {
      const few = fields.length < this.fieldCount;
      throw new UserError(`${this.source}, data row ${this.dataRows}: Too ${few ? 'few' : 'many'} fields: expected ${this.fieldCount} fields but parsed ${fields.length}.`);
    }
    const cells = this.cells;
    for (let i = 0; i < positions.length; i += 1) cells[LATENCY_HEADERS[i] as string] = fields[positions[i] as number] as string;
    const record = parseLatencyRow(cells);
    if (typeof record === 'string') throw new UserError(`${this.source}, data row ${this.dataRows}: ${record}.`);
    this.visited += 1;
    this.visit(record);
  }

  private header(fields: readonly string[]): void {
    const missing = LATENCY_HEADERS.filter((header) => !fields.includes(header));
    if (missing.length > 0) {
      throw new UserError(
        `${this.source} is not a faasbench latency CSV: it lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. ` +
          'Its first line must be the header faasbench writes.',
      );
    }
    this.fieldCount = fields.length;
    this.positions = LATENCY_HEADERS.map((header) => fields.indexOf(header));
  }
}
