import { type FactorField, type FactorValue, type LatencyTable, type RequestInput, tableOf } from '../results/latency-table.js';
import { REQUEST_CLASSES, type RequestClass } from '../results/request-record.js';
import { bucketRows } from './buckets.js';
import { medianSorted } from './quantile.js';
import { type LatencySummary, summarizeSorted } from './summary.js';

/**
 * Statistics rows per sub-experiment and per cold/warm class, optionally split further by one
 * record field (a factor such as burstSize, memoryMb or runtime) for sweep reports. Pure: requests
 * in (a LatencyTable, or records), rows out, in a stable order (sub-experiment index, factor value, class).
 *
 * Columnar: the rows of the table are bucketed by group (buckets.ts: a counting sort, no object
 * per request), and each group's latencies are copied into one scratch array and sorted
 * there, so a million requests cost a few typed arrays, not a million objects.
 */

export type { FactorField, FactorValue } from '../results/latency-table.js';
export type StatisticsClass = 'all' | RequestClass;

export interface StatisticsRow extends LatencySummary {
  readonly subExperimentIndex: number;
  readonly subExperiment: string;
  /** The field the rows are split by (statisticsRowsBy) and this row's value of it; null for statisticsRows. */
  readonly factor: FactorField | null;
  readonly factorValue: FactorValue;
  readonly class: StatisticsClass;
  /** Distinct desired service times among the group's requests, ascending. */
  readonly desiredServiceTimesMs: readonly number[];
  /** Median of the service time the function measured, over successful requests that reported one. */
  readonly achievedServiceTimeMedianMs: number | null;
  /** Failed requests by error code, codes in alphabetical order (e.g. { HTTP_500: 1, TIMEOUT: 2 }). */
  readonly errorCounts: Readonly<Record<string, number>>;
}

/** Failed requests without a code (there should be none) are counted under this one rather than lost. */
export const MISSING_ERROR_CODE = 'UNKNOWN';

const ALWAYS_REPORTED: readonly StatisticsClass[] = ['all', 'cold', 'warm'];
const CLASS_COUNT = REQUEST_CLASSES.length;

/**
 * Rows for 'all', 'cold' and 'warm' of every sub-experiment present, plus any other class
 * ('cold-preinit', 'unknown') where some request has it.
 */
export function statisticsRows(requests: RequestInput): StatisticsRow[] {
  return groupedRows(tableOf(requests), null, null);
}

/** As statisticsRows, with each sub-experiment split by the values of `factor` (ascending, null last). */
export function statisticsRowsBy(requests: RequestInput, factor: FactorField): StatisticsRow[] {
  return groupedRows(tableOf(requests, [factor]), factor, null);
}

/**
 * Fields a single sub-experiment may mix (service times and burst sizes are cycled per round), whose
 * pooled row hides two distributions: a warm row over 0 ms and 10 ms spins says little about either.
 */
export const MIXED_FACTORS = ['desiredServiceTimeMs', 'burstSize'] as const satisfies readonly FactorField[];

/**
 * For each mixed factor, the rows of statisticsRowsBy over only the sub-experiments that hold two
 * or more values of it; none for a sub-experiment with one value, whose plain row already says it all.
 */
export function mixedFactorRows(requests: RequestInput): StatisticsRow[] {
  const table = tableOf(requests, MIXED_FACTORS);
  const rows: StatisticsRow[] = [];
  for (const factor of MIXED_FACTORS) {
    const { codes } = factorColumn(table, factor);
    // The first value each sub-experiment has, and whether it has another.
    const firstCode = new Int32Array(table.subExperiments.length).fill(-1);
    const mixed = new Uint8Array(table.subExperiments.length);
    for (let row = 0; row < table.rows; row += 1) {
      const sub = table.subCode[row] as number;
      const code = codes[row] as number;
      if (firstCode[sub] === -1) firstCode[sub] = code;
      else if (firstCode[sub] !== code) mixed[sub] = 1;
    }
    if (mixed.includes(1)) rows.push(...groupedRows(table, factor, mixed));
  }
  return rows;
}

function factorColumn(table: LatencyTable, factor: FactorField) {
  const column = table.factors.get(factor);
  if (column === undefined) throw new RangeError(`the latency table keeps no column for ${factor}`);
  return column;
}

interface Pair {
  readonly sub: number;
  readonly factorCode: number;
}

/** `onlySubs`: when given, only sub-experiments (by code) marked 1 in it. */
function groupedRows(table: LatencyTable, factor: FactorField | null, onlySubs: Uint8Array | null): StatisticsRow[] {
  const n = table.rows;
  const column = factor === null ? null : factorColumn(table, factor);
  const valueCount = column?.values.length ?? 1;

  // Each (sub-experiment, factor value) pair present gets a number; each row its group, pair × class.
  const pairIds = new Map<number, number>();
  const pairs: Pair[] = [];
  const groupOf = new Int32Array(n);
  for (let row = 0; row < n; row += 1) {
    const sub = table.subCode[row] as number;
    if (onlySubs !== null && onlySubs[sub] !== 1) {
      groupOf[row] = -1;
      continue;
    }
    const factorCode = column === null ? 0 : (column.codes[row] as number);
    const key = sub * valueCount + factorCode;
    let pair = pairIds.get(key);
    if (pair === undefined) {
      pair = pairs.length;
      pairs.push({ sub, factorCode });
      pairIds.set(key, pair);
    }
    groupOf[row] = pair * CLASS_COUNT + (table.classCode[row] as number);
  }

  // A pair's classes are adjacent groups, so its 'all' is one run of rows too.
  const { order, offsets } = bucketRows(groupOf, pairs.length * CLASS_COUNT);

  const scratch = new Scratch(table, order);
  const rows: StatisticsRow[] = [];
  const sortedPairs = pairs
    .map((pair, id) => ({ ...pair, id }))
    .sort((a, b) => subIndex(table, a.sub) - subIndex(table, b.sub) || compareFactorValues(valueOf(column, a.factorCode), valueOf(column, b.factorCode)));
  for (const pair of sortedPairs) {
    const base = pair.id * CLASS_COUNT;
    const classes: StatisticsClass[] = ['all'];
    REQUEST_CLASSES.forEach((cls, code) => {
      if (ALWAYS_REPORTED.includes(cls) || (offsets[base + code + 1] as number) > (offsets[base + code] as number)) classes.push(cls);
    });
    const sub = table.subExperiments[pair.sub];
    const identity = { subExperimentIndex: sub?.index ?? 0, subExperiment: sub?.title ?? '', factor, factorValue: valueOf(column, pair.factorCode) };
    for (const cls of classes) {
      const first = cls === 'all' ? base : base + REQUEST_CLASSES.indexOf(cls);
      const last = cls === 'all' ? base + CLASS_COUNT : first + 1;
      rows.push(scratch.row({ ...identity, class: cls }, offsets[first] as number, offsets[last] as number));
    }
  }
  return rows;
}

function subIndex(table: LatencyTable, sub: number): number {
  return table.subExperiments[sub]?.index ?? 0;
}

function valueOf(column: { values: readonly FactorValue[] } | null, code: number): FactorValue {
  return column === null ? null : (column.values[code] ?? null);
}

type RowIdentity = Pick<StatisticsRow, 'subExperimentIndex' | 'subExperiment' | 'factor' | 'factorValue' | 'class'>;

/** One group's statistics from rows order[start .. end), computed in arrays reused for every group. */
class Scratch {
  private readonly latencies: Float64Array;
  private readonly serviceTimes: Float64Array;
  private readonly desired: { codes: Int32Array; values: readonly FactorValue[] };

  constructor(
    private readonly table: LatencyTable,
    private readonly order: Int32Array,
  ) {
    this.latencies = new Float64Array(order.length);
    this.serviceTimes = new Float64Array(order.length);
    this.desired = factorColumn(table, 'desiredServiceTimeMs');
  }

  row(identity: RowIdentity, start: number, end: number): StatisticsRow {
    const { table, order } = this;
    let succeeded = 0;
    let measured = 0;
    const errorCounts = new Map<string, number>();
    const desiredCodes = new Set<number>();
    for (let i = start; i < end; i += 1) {
      const row = order[i] as number;
      desiredCodes.add(this.desired.codes[row] as number);
      if (table.ok[row] === 1) {
        this.latencies[succeeded++] = table.latencyMs[row] as number;
        if (table.hasServiceTime[row] === 1) this.serviceTimes[measured++] = table.serviceTimeMs[row] as number;
      } else {
        const code = table.errorCode[row] as number;
        const name = code < 0 ? MISSING_ERROR_CODE : (table.errorCodes[code] as string);
        errorCounts.set(name, (errorCounts.get(name) ?? 0) + 1);
      }
    }
    const desiredMs = Float64Array.from([...desiredCodes].map((code) => this.desired.values[code] as number)).sort();
    return {
      ...identity,
      ...summarizeSorted(this.latencies.subarray(0, succeeded).sort(), end - start - succeeded),
      desiredServiceTimesMs: Array.from(desiredMs),
      achievedServiceTimeMedianMs: measured === 0 ? null : medianSorted(this.serviceTimes.subarray(0, measured).sort()),
      errorCounts: Object.fromEntries([...errorCounts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    };
  }
}

const TYPE_ORDER = ['boolean', 'number', 'string'];

/** Numbers numerically, strings by code unit, false before true, null last; mixed types by type. */
export function compareFactorValues(a: FactorValue, b: FactorValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a !== typeof b) return TYPE_ORDER.indexOf(typeof a) - TYPE_ORDER.indexOf(typeof b);
  return a < b ? -1 : a > b ? 1 : 0;
}
