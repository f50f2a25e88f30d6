import { type LatencyTable, type RequestInput, tableOf } from '../results/latency-table.js';
import { REQUEST_CLASSES, type RequestRecord } from '../results/request-record.js';
import { bucketRows, medianSorted } from '../stats/index.js';
import { type Outcome, OUTCOME_ORDER } from './chart-style.js';

/**
 * The timeline's data: one point per burst and outcome (cold, warm, unknown, or error), at the
 * burst's first dispatch, with the median latency and the min–max range of its requests. A burst of
 * one request is just that request; a burst of 500 stays one point plus a bar. Failed requests are
 * grouped as `error` with their time to failure.
 *
 * A chart cannot hold a point per burst of a long study (a million single-request bursts would be a
 * million marks in one SVG). timelineSeries keeps a sub-experiment's bursts as they are up to
 * TIMELINE_MAX_BURSTS per panel; beyond that it aggregates consecutive bursts into time bins
 * (bursts placed by their first dispatch), one point per bin and outcome over all of the bin's
 * requests, with one bin width for every panel so the shared time axis reads the same everywhere.
 */

export interface BurstPoint {
  readonly subExperimentIndex: number;
  /** The burst; in a time bin, its first burst. */
  readonly burstId: number;
  readonly outcome: Outcome;
  /** Seconds from the run's origin to the group's first dispatch. */
  readonly dispatchedS: number;
  readonly requests: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

/** More bursts than this in a sub-experiment and its panel is drawn in time bins. */
export const TIMELINE_MAX_BURSTS = 2000;
/** About how many time bins the longest binned panel gets (nice widths make it up to 2.5× fewer). */
export const TIMELINE_TARGET_BINS = 1000;

export interface TimelineSeries {
  readonly points: BurstPoint[];
  /** Width of the time bins in ms, or null when every burst has its own point. */
  readonly binMs: number | null;
  /** Sub-experiments drawn in time bins, by index. */
  readonly binned: readonly number[];
}

const OUTCOME_COUNT = OUTCOME_ORDER.length;
const ERROR_OUTCOME = OUTCOME_ORDER.indexOf('error');

/** One point per burst and outcome, however many there are. */
export function burstPoints(requests: RequestInput): BurstPoint[] {
  return timelineSeries(requests, Infinity).points;
}

/**
 * Points for the timeline: per burst and outcome, or per time bin and outcome in sub-experiments
 * with more than `maxBursts` bursts, the bins as wide as splits the longest of those into at most
 * `targetBins`.
 */
export function timelineSeries(requests: RequestInput, maxBursts = TIMELINE_MAX_BURSTS, targetBins = TIMELINE_TARGET_BINS): TimelineSeries {
  const table = tableOf(requests);
  const outcomes = outcomeCodes(table);
  const bySub = rowsBySubExperiment(table);
  const sorted = table.subExperiments.map((_, sub) => sortByBurst(table, outcomes, bySub[sub] as Int32Array));
  const burstCounts = sorted.map((rows) => countBursts(table, rows));
  const binnedSubs = table.subExperiments.flatMap((_, sub) => ((burstCounts[sub] as number) > maxBursts ? [sub] : []));
  const binMs = binnedSubs.length === 0 ? null : binWidthMs(table, sorted, binnedSubs, targetBins);

  const points: { point: BurstPoint; firstRow: number }[] = [];
  const scratch = new Float64Array(Math.max(0, ...bySub.map((rows) => rows.length)));
  table.subExperiments.forEach((sub, code) => {
    const rows = sorted[code] as Int32Array;
    if (binMs !== null && binnedSubs.includes(code)) points.push(...binnedPoints(table, outcomes, rows, sub.index, binMs, scratch));
    else points.push(...perBurstPoints(table, outcomes, rows, sub.index, scratch));
  });
  // Ties (outcomes of one burst dispatched together) keep the order their first requests came in.
  points.sort(
    (a, b) =>
      a.point.subExperimentIndex - b.point.subExperimentIndex || a.point.dispatchedS - b.point.dispatchedS || a.point.burstId - b.point.burstId || a.firstRow - b.firstRow,
  );
  return { points: points.map(({ point }) => point), binMs, binned: binnedSubs.map((code) => table.subExperiments[code]?.index ?? 0) };
}

export function outcomeOf(record: Pick<RequestRecord, 'ok' | 'requestClass'>): Outcome {
  return record.ok ? record.requestClass : 'error';
}

/** Per row, its outcome's position in OUTCOME_ORDER. */
function outcomeCodes(table: LatencyTable): Uint8Array {
  const codes = new Uint8Array(table.rows);
  const classOutcome = REQUEST_CLASSES.map((cls) => OUTCOME_ORDER.indexOf(cls));
  for (let row = 0; row < table.rows; row += 1) codes[row] = table.ok[row] === 1 ? (classOutcome[table.classCode[row] as number] as number) : ERROR_OUTCOME;
  return codes;
}

function rowsBySubExperiment(table: LatencyTable): Int32Array[] {
  const counts = new Int32Array(table.subExperiments.length);
  for (let row = 0; row < table.rows; row += 1) counts[table.subCode[row] as number] = (counts[table.subCode[row] as number] as number) + 1;
  const bySub = Array.from(counts, (count) => new Int32Array(count));
  const filled = new Int32Array(table.subExperiments.length);
  for (let row = 0; row < table.rows; row += 1) {
    const sub = table.subCode[row] as number;
    const at = filled[sub] as number;
    (bySub[sub] as Int32Array)[at] = row;
    filled[sub] = at + 1;
  }
  return bySub;
}

/** Rows ordered by burst, then outcome, then file order: each (burst, outcome) group is one run. */
function sortByBurst(table: LatencyTable, outcomes: Uint8Array, rows: Int32Array): Int32Array {
  const { burstId } = table;
  return rows.sort((a, b) => (burstId[a] as number) - (burstId[b] as number) || (outcomes[a] as number) - (outcomes[b] as number) || a - b);
}

function countBursts(table: LatencyTable, rows: Int32Array): number {
  let bursts = 0;
  for (let i = 0; i < rows.length; i += 1) if (i === 0 || table.burstId[rows[i] as number] !== table.burstId[rows[i - 1] as number]) bursts += 1;
  return bursts;
}

/** The smallest 1, 2 or 5 × 10^k ms that splits the longest binned sub-experiment into at most `targetBins` bins. */
function binWidthMs(table: LatencyTable, sorted: readonly Int32Array[], binnedSubs: readonly number[], targetBins: number): number {
  let spanMs = 0;
  for (const sub of binnedSubs) {
    let first = Infinity;
    let last = -Infinity;
    for (const row of sorted[sub] as Int32Array) {
      const t = table.dispatchedMs[row] as number;
      if (t < first) first = t;
      if (t > last) last = t;
    }
    if (last - first > spanMs) spanMs = last - first;
  }
  return niceCeiling(spanMs / targetBins);
}

function niceCeiling(rawMs: number): number {
  if (!(rawMs > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(rawMs));
  for (const factor of [1, 2, 5, 10]) if (factor * magnitude >= rawMs) return factor * magnitude;
  return 10 * magnitude;
}

interface Summary {
  readonly requests: number;
  readonly firstDispatchMs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

/** Requests rows[start .. end) summarised: latencies sorted in `scratch`. */
function summarise(table: LatencyTable, rows: ArrayLike<number>, start: number, end: number, scratch: Float64Array): Summary {
  let firstDispatchMs = Infinity;
  for (let i = start; i < end; i += 1) {
    const row = rows[i] as number;
    scratch[i - start] = table.latencyMs[row] as number;
    firstDispatchMs = Math.min(firstDispatchMs, table.dispatchedMs[row] as number);
  }
  const latencies = scratch.subarray(0, end - start).sort();
  return {
    requests: end - start,
    firstDispatchMs,
    medianMs: medianSorted(latencies),
    minMs: latencies[0] as number,
    maxMs: latencies[latencies.length - 1] as number,
  };
}

function pointOf(subExperimentIndex: number, burstId: number, outcome: number, summary: Summary): BurstPoint {
  return {
    subExperimentIndex,
    burstId,
    outcome: OUTCOME_ORDER[outcome] as Outcome,
    dispatchedS: summary.firstDispatchMs / 1000,
    requests: summary.requests,
    medianMs: summary.medianMs,
    minMs: summary.minMs,
    maxMs: summary.maxMs,
  };
}

function perBurstPoints(table: LatencyTable, outcomes: Uint8Array, rows: Int32Array, subExperimentIndex: number, scratch: Float64Array) {
  const points: { point: BurstPoint; firstRow: number }[] = [];
  let start = 0;
  for (let i = 1; i <= rows.length; i += 1) {
    const a = rows[start] as number;
    const b = rows[i];
    if (b !== undefined && table.burstId[b] === table.burstId[a] && outcomes[b] === outcomes[a]) continue;
    points.push({ point: pointOf(subExperimentIndex, table.burstId[a] as number, outcomes[a] as number, summarise(table, rows, start, i, scratch)), firstRow: a });
    start = i;
  }
  return points;
}

/** Bursts placed in bins of `binMs` by their first dispatch; one point per bin and outcome. */
function binnedPoints(table: LatencyTable, outcomes: Uint8Array, rows: Int32Array, subExperimentIndex: number, binMs: number, scratch: Float64Array) {
  // Each burst's first dispatch (over all its outcomes) decides its bin, so a burst is never split.
  const binOfRow = new Float64Array(rows.length);
  for (let start = 0, i = 1; i <= rows.length; i += 1) {
    const b = rows[i];
    if (b !== undefined && table.burstId[b] === table.burstId[rows[start] as number]) continue;
    let first = Infinity;
    for (let j = start; j < i; j += 1) first = Math.min(first, table.dispatchedMs[rows[j] as number] as number);
    binOfRow.fill(Math.floor(first / binMs), start, i);
    start = i;
  }
  let lowestBin = Infinity;
  let highestBin = -Infinity;
  for (const bin of binOfRow) {
    lowestBin = Math.min(lowestBin, bin);
    highestBin = Math.max(highestBin, bin);
  }
  const groupOf = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i += 1) groupOf[i] = ((binOfRow[i] as number) - lowestBin) * OUTCOME_COUNT + (outcomes[rows[i] as number] as number);
  const groups = rows.length === 0 ? 0 : (highestBin - lowestBin + 1) * OUTCOME_COUNT;
  const buckets = bucketRows(groupOf, groups);
  // Positions in `rows` to rows; within a group they stay in burst order.
  const order = buckets.order.map((position) => rows[position] as number);
  const counts = buckets.offsets;

  const points: { point: BurstPoint; firstRow: number }[] = [];
  for (let group = 0; group < groups; group += 1) {
    const start = counts[group] as number;
    const end = counts[group + 1] as number;
    if (start === end) continue;
    // The bin's first burst: rows are in burst order within the group.
    const first = order[start] as number;
    let firstRow = first;
    for (let i = start; i < end; i += 1) firstRow = Math.min(firstRow, order[i] as number);
    points.push({ point: pointOf(subExperimentIndex, table.burstId[first] as number, group % OUTCOME_COUNT, summarise(table, order, start, end, scratch)), firstRow });
  }
  return points;
}
