import { REQUEST_CLASSES, type RequestRecord } from './request-record.js';

/**
 * The requests of a run as columns, which is all that statistics, charts and the report need of
 * them: a few typed-array cells per row (about 60 bytes) where a RequestRecord object costs a
 * kilobyte or more. Text that repeats (sub-experiment titles, classes, error codes, factor values)
 * is stored once and referred to by a small integer code. Everything else in a row (URLs, ids,
 * timestamps, connection phases, messages) is read past, never kept.
 *
 * Built row by row (LatencyTableBuilder, fed by the streaming reader or from records in memory);
 * read-only once built. Column i of every array belongs to the same request, in file order.
 */

/** Any record field can be a factor to split statistics by; all of them are scalars. */
export type FactorField = keyof RequestRecord;
export type FactorValue = string | number | boolean | null;

/** Factors every table keeps: a sub-experiment may mix them (cycled per round), and statistics split by them. */
export const TABLE_FACTOR_FIELDS = ['desiredServiceTimeMs', 'burstSize'] as const satisfies readonly FactorField[];

/** Fields the functions (or the schedule) report per request whose single value per sub-experiment marks a sweep. */
export const REPORTED_FIELDS = ['runtime', 'memoryMb', 'burstSize'] as const satisfies readonly FactorField[];
export type ReportedField = (typeof REPORTED_FIELDS)[number];

export interface FactorColumn {
  /** Per row, the position of its value in `values`. */
  readonly codes: Int32Array;
  /** Distinct values in order of first appearance (the first of values equal under SameValueZero). */
  readonly values: readonly FactorValue[];
}

export interface TableSubExperiment {
  readonly index: number;
  /** The title on its first row. */
  readonly title: string;
  /** Up to two distinct non-null values per reported field (enough to tell one from several). */
  readonly reported: Readonly<Record<ReportedField, readonly (string | number)[]>>;
}

export interface LatencyTable {
  readonly kind: 'latency-table';
  readonly rows: number;
  /** Rows with ok false. */
  readonly failed: number;
  /** Sub-experiments in order of first appearance; `subCode` points into it. */
  readonly subExperiments: readonly TableSubExperiment[];
  readonly subCode: Int32Array;
  /** Position of the row's class in REQUEST_CLASSES. */
  readonly classCode: Uint8Array;
  /** 1 when the request succeeded. */
  readonly ok: Uint8Array;
  readonly latencyMs: Float64Array;
  readonly dispatchedMs: Float64Array;
  /** When the request ended (answered or failed): with endpointIndex, what a replica's idle time is measured from. */
  readonly endMs: Float64Array;
  /** The replica (endpoint) within its sub-experiment. */
  readonly endpointIndex: Int32Array;
  readonly burstId: Float64Array;
  /** The function's measured service time; meaningful only where hasServiceTime is 1. */
  readonly serviceTimeMs: Float64Array;
  readonly hasServiceTime: Uint8Array;
  /** Position in errorCodes, -1 for none. */
  readonly errorCode: Int32Array;
  readonly errorCodes: readonly string[];
  readonly factors: ReadonlyMap<FactorField, FactorColumn>;
  /** Latest end of any request (ms from the origin); -Infinity without rows. */
  readonly lastEndMs: number;
  /** Distinct non-empty vendors and regions the functions reported, sorted. */
  readonly vendors: readonly string[];
  readonly regions: readonly string[];
}

/** What functions that work on requests accept: a table, or records (tests, small samples), which are tabled first. */
export type RequestInput = LatencyTable | readonly RequestRecord[];

/** `input` as a table keeping at least `factors` (beyond TABLE_FACTOR_FIELDS); records are tabled, a table is returned as it is. */
export function tableOf(input: RequestInput, factors: readonly FactorField[] = []): LatencyTable {
  if (!isRecordArray(input)) {
    const lacking = factors.filter((factor) => !input.factors.has(factor));
    if (lacking.length > 0) throw new RangeError(`the latency table keeps no column for ${lacking.join(', ')}; it keeps ${[...input.factors.keys()].join(', ')}`);
    return input;
  }
  const builder = new LatencyTableBuilder(factors);
  for (const record of input) builder.add(record);
  return builder.finish();
}

function isRecordArray(input: RequestInput): input is readonly RequestRecord[] {
  return Array.isArray(input);
}

const CLASS_CODES = new Map<string, number>(REQUEST_CLASSES.map((cls, code) => [cls, code]));
const INITIAL_CAPACITY = 1024;

type Numeric = Float64Array | Int32Array | Uint8Array;

function grown<T extends Numeric>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}

class Interner<T> {
  readonly values: T[] = [];
  private readonly codes = new Map<T, number>();
  codeOf(value: T): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }
}

interface SubEntry {
  readonly index: number;
  readonly title: string;
  readonly reported: Record<ReportedField, (string | number)[]>;
}

export class LatencyTableBuilder {
  private length = 0;
  private capacity = INITIAL_CAPACITY;
  private failed = 0;
  private subCode = new Int32Array(INITIAL_CAPACITY);
  private classCode = new Uint8Array(INITIAL_CAPACITY);
  private ok = new Uint8Array(INITIAL_CAPACITY);
  private latencyMs = new Float64Array(INITIAL_CAPACITY);
  private dispatchedMs = new Float64Array(INITIAL_CAPACITY);
  private endMs = new Float64Array(INITIAL_CAPACITY);
  private endpointIndex = new Int32Array(INITIAL_CAPACITY);
  private burstId = new Float64Array(INITIAL_CAPACITY);
  private serviceTimeMs = new Float64Array(INITIAL_CAPACITY);
  private hasServiceTime = new Uint8Array(INITIAL_CAPACITY);
  private errorCode = new Int32Array(INITIAL_CAPACITY);
  private readonly factorFields: readonly FactorField[];
  private factorCodes: Int32Array[];
  private readonly factorValues: Interner<FactorValue>[];
  private readonly errorCodes = new Interner<string>();
  private readonly subs: SubEntry[] = [];
  private readonly subCodes = new Map<number, number>();
  private lastEndMs = -Infinity;
  private readonly vendors = new Set<string>();
  private readonly regions = new Set<string>();

  /** `factors`: fields to keep as factor columns besides TABLE_FACTOR_FIELDS. */
  constructor(factors: readonly FactorField[] = []) {
    this.factorFields = [...new Set<FactorField>([...TABLE_FACTOR_FIELDS, ...factors])];
    this.factorCodes = this.factorFields.map(() => new Int32Array(INITIAL_CAPACITY));
    this.factorValues = this.factorFields.map(() => new Interner<FactorValue>());
  }

  add(record: RequestRecord): void {
    if (this.length === this.capacity) this.grow();
    const row = this.length;
    this.length += 1;

    const sub = this.subOf(record);
    this.subCode[row] = sub;
    this.classCode[row] = CLASS_CODES.get(record.requestClass) ?? 0;
    this.ok[row] = record.ok ? 1 : 0;
    if (!record.ok) this.failed += 1;
    this.latencyMs[row] = record.latencyMs;
    this.dispatchedMs[row] = record.dispatchedMs;
    this.endMs[row] = record.endMs;
    this.endpointIndex[row] = record.endpointIndex;
    this.burstId[row] = record.burstId;
    if (record.serviceTimeMs !== null) {
      this.serviceTimeMs[row] = record.serviceTimeMs;
      this.hasServiceTime[row] = 1;
    }
    this.errorCode[row] = record.errorCode === null ? -1 : this.errorCodes.codeOf(record.errorCode);
    for (let i = 0; i < this.factorFields.length; i += 1) {
      (this.factorCodes[i] as Int32Array)[row] = (this.factorValues[i] as Interner<FactorValue>).codeOf(record[this.factorFields[i] as FactorField]);
    }
    // Math.max as the record-based code did, so a NaN end stays NaN.
    this.lastEndMs = Math.max(this.lastEndMs, record.endMs);
    if (record.vendor !== null && record.vendor !== '') this.vendors.add(record.vendor);
    if (record.region !== null && record.region !== '') this.regions.add(record.region);
    const reported = (this.subs[sub] as SubEntry).reported;
    for (const field of REPORTED_FIELDS) {
      const value = record[field];
      const seen = reported[field];
      // Failed requests carry no function fields; they neither add nor contradict a value.
      if (value !== null && seen.length < 2 && !seen.includes(value)) seen.push(value);
    }
  }

  finish(): LatencyTable {
    const n = this.length;
    const factors = new Map<FactorField, FactorColumn>();
    this.factorFields.forEach((field, i) => {
      factors.set(field, { codes: (this.factorCodes[i] as Int32Array).subarray(0, n), values: (this.factorValues[i] as Interner<FactorValue>).values });
    });
    return {
      kind: 'latency-table',
      rows: n,
      failed: this.failed,
      subExperiments: this.subs,
      subCode: this.subCode.subarray(0, n),
      classCode: this.classCode.subarray(0, n),
      ok: this.ok.subarray(0, n),
      latencyMs: this.latencyMs.subarray(0, n),
      dispatchedMs: this.dispatchedMs.subarray(0, n),
      endMs: this.endMs.subarray(0, n),
      endpointIndex: this.endpointIndex.subarray(0, n),
      burstId: this.burstId.subarray(0, n),
      serviceTimeMs: this.serviceTimeMs.subarray(0, n),
      hasServiceTime: this.hasServiceTime.subarray(0, n),
      errorCode: this.errorCode.subarray(0, n),
      errorCodes: this.errorCodes.values,
      factors,
      lastEndMs: this.lastEndMs,
      vendors: [...this.vendors].sort(),
      regions: [...this.regions].sort(),
    };
  }

  private subOf(record: RequestRecord): number {
    let code = this.subCodes.get(record.subExperimentIndex);
    if (code === undefined) {
      code = this.subs.length;
      this.subs.push({ index: record.subExperimentIndex, title: record.subExperiment, reported: { runtime: [], memoryMb: [], burstSize: [] } });
      this.subCodes.set(record.subExperimentIndex, code);
    }
    return code;
  }

  private grow(): void {
    this.capacity *= 2;
    const c = this.capacity;
    this.subCode = grown(this.subCode, c);
    this.classCode = grown(this.classCode, c);
    this.ok = grown(this.ok, c);
    this.latencyMs = grown(this.latencyMs, c);
    this.dispatchedMs = grown(this.dispatchedMs, c);
    this.endMs = grown(this.endMs, c);
    this.endpointIndex = grown(this.endpointIndex, c);
    this.burstId = grown(this.burstId, c);
    this.serviceTimeMs = grown(this.serviceTimeMs, c);
    this.hasServiceTime = grown(this.hasServiceTime, c);
    this.errorCode = grown(this.errorCode, c);
    this.factorCodes = this.factorCodes.map((codes) => grown(codes, c));
  }
}

/** The class (REQUEST_CLASSES entry) with code `code`. */
export function classOfCode(code: number): (typeof REQUEST_CLASSES)[number] {
  return REQUEST_CLASSES[code] as (typeof REQUEST_CLASSES)[number];
}
