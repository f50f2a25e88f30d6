/**
 * Splits CSV text, given in chunks of any size, into rows of fields, as the text arrives: the
 * whole file is never one string. RFC 4180 as papaparse writes it (what latencies.csv holds): comma
 * separated, rows ended by \n (a \r before it is dropped), a field that starts with a quote runs to
 * the matching quote with "" standing for one quote, and may hold commas and line breaks. A quote
 * inside an unquoted field is an ordinary character, as papaparse reads it.
 *
 * Most rows hold no quote at all and are cut with indexOf and split; a row with a quote goes
 * through the state machine, which keeps its place across chunks (a quoted error message may be
 * split anywhere). A row is handed on only once its line end has arrived, so what `end()` finds
 * unfinished (no final line end, or an open quote) is the cut-off row of an interrupted writer.
 */

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** A quoted field followed by something other than a comma or a line end: the row is malformed. */
export class CsvQuoteError extends Error {
  override readonly name = 'CsvQuoteError';
}

type FieldState = 'start' | 'unquoted' | 'quoted' | 'after-quote' | 'after-quote-cr';

export class CsvRowSplitter {
  /** Fields of the row in progress, or null between rows. */
  private row: string[] | null = null;
  private field = '';
  private state: FieldState = 'start';

  constructor(private readonly onRow: (fields: string[]) => void) {}

  push(chunk: string): void {
    const n = chunk.length;
    let pos = 0;
    // Where the next quote is (Infinity: none left), so quote-free lines are recognised without rescanning.
    let quoteAt = -1;
    while (pos < n) {
      if (this.row === null) {
        const lineEnd = chunk.indexOf('\n', pos);
        if (lineEnd !== -1) {
          if (quoteAt < pos) {
            const found = chunk.indexOf('"', pos);
            quoteAt = found === -1 ? Infinity : found;
          }
          if (quoteAt > lineEnd) {
            const end = lineEnd > pos && chunk.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
            this.onRow(chunk.slice(pos, end).split(','));
            pos = lineEnd + 1;
            continue;
          }
        }
        this.row = [];
        this.field = '';
        this.state = 'start';
      }
      pos = this.step(chunk, pos);
    }
  }

  /**
   * The input is complete. Returns the fields of an unfinished last row (cut off: no line end, or
   * inside a quote), or null when the input ended at a row's end.
   */
  end(): string[] | null {
    const row = this.row;
    if (row === null) return null;
    this.row = null;
    return [...row, this.field];
  }

  /** Runs the field state machine from `pos` until the row ends or the chunk does; returns where it stopped. */
  private step(chunk: string, start: number): number {
    const n = chunk.length;
    let pos = start;
    const row = this.row as string[];
    while (pos < n) {
      switch (this.state) {
        case 'start':
          if (chunk.charCodeAt(pos) === QUOTE) {
            this.state = 'quoted';
            pos += 1;
          } else {
            this.state = 'unquoted';
          }
          break;
        case 'unquoted': {
          const comma = chunk.indexOf(',', pos);
          const lineEnd = chunk.indexOf('\n', pos);
          const stop = comma === -1 ? lineEnd : lineEnd === -1 ? comma : Math.min(comma, lineEnd);
          if (stop === -1) {
            this.field += chunk.slice(pos);
            return n;
          }
          this.field += chunk.slice(pos, stop);
          if (stop === comma) {
            this.endField(row);
            pos = stop + 1;
            break;
          }
          if (this.field.charCodeAt(this.field.length - 1) === CR) this.field = this.field.slice(0, -1);
          this.endRow(row);
          return stop + 1;
        }
        case 'quoted': {
          const quote = chunk.indexOf('"', pos);
          if (quote === -1) {
            this.field += chunk.slice(pos);
            return n;
          }
          this.field += chunk.slice(pos, quote);
          this.state = 'after-quote';
          pos = quote + 1;
          break;
        }
        case 'after-quote': {
          const c = chunk.charCodeAt(pos);
          if (c === QUOTE) {
            this.field += '"';
            this.state = 'quoted';
            pos += 1;
          } else if (c === COMMA) {
            this.endField(row);
            pos += 1;
          } else if (c === LF) {
            this.endRow(row);
            return pos + 1;
          } else if (c === CR) {
            this.state = 'after-quote-cr';
            pos += 1;
          } else {
            throw new CsvQuoteError(`field ${row.length + 1} has text after its closing quote (a quote inside a quoted field must be doubled)`);
          }
          break;
        }
        case 'after-quote-cr':
          if (chunk.charCodeAt(pos) !== LF) throw new CsvQuoteError(`field ${row.length + 1} has text after its closing quote`);
          this.endRow(row);
          return pos + 1;
      }
    }
    return n;
  }

  private endField(row: string[]): void {
    row.push(this.field);
    this.field = '';
    this.state = 'start';
  }

  private endRow(row: string[]): void {
    row.push(this.field);
    this.field = '';
    this.state = 'start';
    this.row = null;
    this.onRow(row);
  }
}
