import { REQUEST_CLASSES, type RequestClass, type RequestRecord } from '../../../runner/results/request-record.js';
import { medianSorted, sortAscending } from './quantile.js';
import { type LatencySummary, summarize } from './summary.js';

/**
 * Statistics rows per sub-experiment and per cold/warm class, optionally split further by one
 * record field (a factor such as burstSize, memoryMb or runtime) for sweep reports. Pure: records in,
 * rows out, in a stable order (sub-experiment index, factor value, class).
 */

export type StatisticsClass = 'all' | RequestClass;
/** Any record field can be a factor; all of them are scalars. */
export type FactorField = keyof RequestRecord;
export type FactorValue = string | number | boolean | null;

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

/**
 * Rows for 'all', 'cold' and 'warm' of every sub-experiment present, plus any other class
 * ('cold-preinit', 'unknown') where some request has it.
 */
export function statisticsRows(records: readonly RequestRecord[]): StatisticsRow[] {
  return groupedRows(records, null);
}

/** As statisticsRows, with each sub-experiment split by the values of `factor` (ascending, null last). */
export function statisticsRowsBy(records: readonly RequestRecord[], factor: FactorField): StatisticsRow[] {
  return groupedRows(records, factor);
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
export function mixedFactorRows(records: readonly RequestRecord[]): StatisticsRow[] {
  const rows: StatisticsRow[] = [];
  for (const factor of MIXED_FACTORS) {
    const valuesBySub = new Map<number, Set<FactorValue>>();
    for (const record of records) {
      const values = valuesBySub.get(record.subExperimentIndex) ?? new Set<FactorValue>();
      values.add(record[factor]);
      valuesBySub.set(record.subExperimentIndex, values);
    }
    const mixed = records.filter((r) => (valuesBySub.get(r.subExperimentIndex)?.size ?? 0) > 1);
    if (mixed.length > 0) rows.push(...statisticsRowsBy(mixed, factor));
  }
  return rows;
}

function groupedRows(records: readonly RequestRecord[], factor: FactorField | null): StatisticsRow[] {
  const subExperiments = new Map<number, { title: string; byValue: Map<FactorValue, RequestRecord[]> }>();
  for (const record of records) {
    let sub = subExperiments.get(record.subExperimentIndex);
    if (sub === undefined) {
      sub = { title: record.subExperiment, byValue: new Map() };
      subExperiments.set(record.subExperimentIndex, sub);
    }
    const value = factor === null ? null : record[factor];
    const group = sub.byValue.get(value);
    if (group === undefined) sub.byValue.set(value, [record]);
    else group.push(record);
  }

  const rows: StatisticsRow[] = [];
  for (const [subExperimentIndex, { title, byValue }] of [...subExperiments].sort(([a], [b]) => a - b)) {
    for (const [factorValue, group] of [...byValue].sort(([a], [b]) => compareFactorValues(a, b))) {
      const present = new Set(group.map((r) => r.requestClass));
      const classes = ['all' as const, ...REQUEST_CLASSES.filter((cls) => ALWAYS_REPORTED.includes(cls) || present.has(cls))];
      for (const cls of classes) {
        const members = cls === 'all' ? group : group.filter((r) => r.requestClass === cls);
        rows.push(rowFor({ subExperimentIndex, subExperiment: title, factor, factorValue, class: cls }, members));
      }
    }
  }
  return rows;
}

type RowIdentity = Pick<StatisticsRow, 'subExperimentIndex' | 'subExperiment' | 'factor' | 'factorValue' | 'class'>;

function rowFor(identity: RowIdentity, members: readonly RequestRecord[]): StatisticsRow {
  const succeeded = members.filter((r) => r.ok);
  const errorCounts: Record<string, number> = {};
  for (const failed of members.filter((r) => !r.ok)) {
    const code = failed.errorCode ?? MISSING_ERROR_CODE;
    errorCounts[code] = (errorCounts[code] ?? 0) + 1;
  }
  const serviceTimesMs = succeeded.flatMap((r) => (r.serviceTimeMs === null ? [] : [r.serviceTimeMs]));
  return {
    ...identity,
    ...summarize(
      succeeded.map((r) => r.latencyMs),
      members.length - succeeded.length,
    ),
    desiredServiceTimesMs: sortAscending([...new Set(members.map((r) => r.desiredServiceTimeMs))]),
    achievedServiceTimeMedianMs: serviceTimesMs.length === 0 ? null : medianSorted(sortAscending(serviceTimesMs)),
    errorCounts: Object.fromEntries(Object.entries(errorCounts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
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
