import { type ClassSource, LATENCY_COLUMNS, REQUEST_CLASSES, type RequestClass, type RequestRecord } from './request-record.js';

/**
 * How each RequestRecord field becomes a latency-CSV cell and back. Milliseconds carry µs precision
 * (3 decimals, never an exponent), booleans are true/false, null is an empty cell. Text that a
 * spreadsheet would run as a formula (= + - @ tab CR at the start) gets a leading single quote;
 * text already starting with a quote gets one more, so reading back is exact. Numbers are never
 * quoted, which is why papaparse's escapeFormulae (which would turn -0.5 into '-0.5) is not used.
 */

type Field = keyof RequestRecord;
type CellKind = 'ms' | 'count' | 'bool' | 'class' | 'class-source' | 'text';
type KindOf<T> = [T] extends [boolean]
  ? 'bool'
  : [T] extends [number]
    ? 'ms' | 'count'
    : [T] extends [RequestClass]
      ? 'class'
      : [T] extends [ClassSource]
        ? 'class-source'
        : 'text';
/** The compiler checks every field is listed, with a kind matching its type and nullability matching the contract. */
type CellFormats = {
  readonly [F in Field]: { readonly kind: KindOf<NonNullable<RequestRecord[F]>>; readonly nullable: null extends RequestRecord[F] ? true : false };
};

const CELL_FORMATS: CellFormats = {
  subExperiment: { kind: 'text', nullable: false },
  subExperimentIndex: { kind: 'count', nullable: false },
  endpointIndex: { kind: 'count', nullable: false },
  endpointUrl: { kind: 'text', nullable: false },
  burstId: { kind: 'count', nullable: false },
  round: { kind: 'count', nullable: false },
  burstSize: { kind: 'count', nullable: false },
  indexInBurst: { kind: 'count', nullable: false },
  desiredServiceTimeMs: { kind: 'ms', nullable: false },
  spinIncrementsRequested: { kind: 'count', nullable: false },
  scheduledMs: { kind: 'ms', nullable: false },
  dispatchedMs: { kind: 'ms', nullable: false },
  connectedMs: { kind: 'ms', nullable: true },
  secureConnectedMs: { kind: 'ms', nullable: true },
  sentMs: { kind: 'ms', nullable: true },
  firstByteMs: { kind: 'ms', nullable: true },
  endMs: { kind: 'ms', nullable: false },
  latencyMs: { kind: 'ms', nullable: false },
  ttfbMs: { kind: 'ms', nullable: true },
  scheduleLagMs: { kind: 'ms', nullable: false },
  dnsMs: { kind: 'ms', nullable: true },
  tcpMs: { kind: 'ms', nullable: true },
  tlsMs: { kind: 'ms', nullable: true },
  reusedConnection: { kind: 'bool', nullable: false },
  remoteAddress: { kind: 'text', nullable: true },
  addressFamily: { kind: 'count', nullable: true },
  status: { kind: 'count', nullable: true },
  ok: { kind: 'bool', nullable: false },
  errorCode: { kind: 'text', nullable: true },
  errorMessage: { kind: 'text', nullable: true },
  responseBytes: { kind: 'count', nullable: false },
  requestClass: { kind: 'class', nullable: false },
  classSource: { kind: 'class-source', nullable: false },
  instanceId: { kind: 'text', nullable: true },
  coldStart: { kind: 'bool', nullable: true },
  refusedBeforeFirst: { kind: 'count', nullable: true },
  invocationCount: { kind: 'count', nullable: true },
  // Epoch milliseconds with the sub-ms fraction the runtime gives.
  instanceStartedAt: { kind: 'ms', nullable: true },
  initEndedAt: { kind: 'ms', nullable: true },
  handlerStartedAt: { kind: 'ms', nullable: true },
  handlerEndedAt: { kind: 'ms', nullable: true },
  initMs: { kind: 'ms', nullable: true },
  idleBeforeMs: { kind: 'ms', nullable: true },
  serviceTimeMs: { kind: 'ms', nullable: true },
  spinIncrements: { kind: 'count', nullable: true },
  spinCapped: { kind: 'bool', nullable: true },
  payloadBytes: { kind: 'count', nullable: true },
  vendor: { kind: 'text', nullable: true },
  runtime: { kind: 'text', nullable: true },
  region: { kind: 'text', nullable: true },
  memoryMb: { kind: 'count', nullable: true },
  requestId: { kind: 'text', nullable: true },
};

/** Fails to compile if the contract gains a field that LATENCY_COLUMNS does not write. */
type Unwritten = Exclude<Field, (typeof LATENCY_COLUMNS)[number][1]>;
const everyFieldWritten: [Unwritten] extends [never] ? true : Unwritten = true;
void everyFieldWritten;

export const LATENCY_HEADERS: readonly string[] = LATENCY_COLUMNS.map(([header]) => header);

const CLASSES: readonly string[] = REQUEST_CLASSES;
const CLASS_SOURCES: readonly string[] = ['function', 'threshold', 'none'] satisfies ClassSource[];
const NUMBER_WORDS = new Set(['NaN', 'Infinity', '-Infinity']);

/** Milliseconds with µs precision, no exponent, and no "-0.000". */
export function formatMs(value: number): string {
  const text = value.toFixed(3);
  return text === '-0.000' ? '0.000' : text;
}

/** Quotes text a spreadsheet would evaluate (and text that starts with a quote, to stay reversible). */
export function escapeFormulaText(text: string): string {
  return /^[=+\-@\t\r']/.test(text) ? `'${text}` : text;
}

export function unescapeFormulaText(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

/** One CSV row, keyed by csv header, every cell already text. */
export function formatLatencyRow(record: RequestRecord): Record<string, string> {
  const row: Record<string, string> = {};
  for (const [header, field] of LATENCY_COLUMNS) row[header] = formatCell(field, record[field]);
  return row;
}

export function formatCell(field: Field, value: RequestRecord[Field]): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    return CELL_FORMATS[field].kind === 'count' && Number.isInteger(value) ? String(value) : formatMs(value);
  }
  return escapeFormulaText(value);
}

/** The record a row holds, or what is wrong with it (naming the column). */
export function parseLatencyRow(row: Readonly<Record<string, string | undefined>>): RequestRecord | string {
  const record: Record<string, unknown> = {};
  for (const [header, field] of LATENCY_COLUMNS) {
    const cell = row[header] ?? '';
    const parsed = parseCell(field, cell);
    if (parsed instanceof CellProblem) return `column ${header}: ${parsed.message}`;
    record[field] = parsed;
  }
  return record as unknown as RequestRecord;
}

class CellProblem {
  constructor(readonly message: string) {}
}

function parseCell(field: Field, cell: string): unknown {
  const { kind, nullable } = CELL_FORMATS[field];
  if (cell === '' && kind !== 'text') return nullable ? null : new CellProblem('is empty but must have a value');
  if (cell === '') return nullable ? null : '';
  switch (kind) {
    case 'ms':
    case 'count': {
      const value = Number(cell);
      return Number.isNaN(value) && !NUMBER_WORDS.has(cell) ? new CellProblem(`${JSON.stringify(cell)} is not a number`) : value;
    }
    case 'bool':
      return cell === 'true' ? true : cell === 'false' ? false : new CellProblem(`${JSON.stringify(cell)} is not true or false`);
    case 'class':
      return CLASSES.includes(cell) ? cell : new CellProblem(`${JSON.stringify(cell)} is not one of ${CLASSES.join(', ')}`);
    case 'class-source':
      return CLASS_SOURCES.includes(cell) ? cell : new CellProblem(`${JSON.stringify(cell)} is not one of ${CLASS_SOURCES.join(', ')}`);
    case 'text':
      return unescapeFormulaText(cell);
  }
}
