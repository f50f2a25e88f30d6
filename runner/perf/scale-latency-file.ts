import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { escapeFormulaText, formatMs, LATENCY_HEADERS, parseLatencyRow } from '../results/latency-cells.js';
import { LATENCY_COLUMNS, type RequestRecord } from '../results/request-record.js';

/**
 * Synthetic latencies.csv files of any size for the scale benchmark (and a correctness test at a
 * small size): every column the runner writes, in its cell format, with realistic values. Four
 * sub-experiments share the rows: single-request bursts (so the row count is also the burst count
 * and the timeline must aggregate), bursts of 10, a cold one cycling burst sizes 1 and 5 (split rows),
 * and bursts of 100. About 2% warm-pool cold starts, 0.5% failures (timeouts, HTTP 500, and resets
 * whose message needs quoting: comma, quote and newline). Deterministic for a given row count.
 *
 * Written fast: rows are joined from a template of cells, only the varying ones formatted, and
 * written in blocks. Columns the template does not know (added to the contract later) are left
 * empty; if one of them may not be empty, the first rows fail the reader's own check and say so.
 */

export interface ScaleSubExperiment {
  readonly index: number;
  readonly title: string;
  /** Share of the rows. */
  readonly share: number;
  readonly burstSizes: readonly number[];
  readonly iatMs: number;
  readonly desiredServiceTimesMs: readonly number[];
  readonly coldShare: number;
  readonly memoryMb: number;
}

export const SCALE_SUB_EXPERIMENTS: readonly ScaleSubExperiment[] = [
  { index: 0, title: 'warm-single', share: 0.4, burstSizes: [1], iatMs: 40, desiredServiceTimesMs: [0, 10], coldShare: 0.02, memoryMb: 512 },
  { index: 1, title: 'warm-burst-10', share: 0.25, burstSizes: [10], iatMs: 400, desiredServiceTimesMs: [0], coldShare: 0.02, memoryMb: 512 },
  { index: 2, title: 'cold', share: 0.1, burstSizes: [1, 5], iatMs: 2500, desiredServiceTimesMs: [0], coldShare: 0.9, memoryMb: 1024 },
  { index: 3, title: 'burst-100', share: 0.25, burstSizes: [100], iatMs: 3000, desiredServiceTimesMs: [0], coldShare: 0.05, memoryMb: 1024 },
];

export const SCALE_ORIGIN_EPOCH_MS = Date.UTC(2026, 10, 23, 14, 5, 12, 250);
const RESET_MESSAGE = 'socket hang up, "peer" reset\nafter 3 bytes';
const REQUEST_TIMEOUT_MS = 30_000;
const ROWS_PER_WRITE = 4000;

type Field = keyof RequestRecord;

/** Cells that are the same on every row of a kind; everything else is set per row. */
const STATIC_CELLS: Partial<Record<Field, string>> = {
  spinCapped: 'false',
  payloadBytes: '0',
  vendor: 'aws',
  runtime: 'nodejs22',
  region: 'eu-west-1',
  classSource: 'function',
  responseBytes: '412',
  remoteAddress: '203.0.113.17',
  status: '200',
  ok: 'true',
};

const columnOf = (field: Field): number => LATENCY_COLUMNS.findIndex(([, f]) => f === field);

/** Seeded linear congruential generator (Park–Miller), uniform in (0, 1). */
function seededUniform(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

interface SubState {
  readonly sub: ScaleSubExperiment;
  readonly rows: number;
  written: number;
  burstId: number;
  nextMs: number;
  instanceSerial: number;
  invocation: number;
}

/**
 * Writes `rows` rows (header first) to `filePath`. Resolves with the rows and bursts written per sub-experiment.
 */
export async function writeScaleLatencyFile(filePath: string, rows: number): Promise<{ rows: number; bursts: number }[]> {
  if (!Number.isInteger(rows) || rows < 0) throw new RangeError(`row count must be a non-negative integer, got ${rows}`);
  const uniform = seededUniform(20_261_123);
  const template = LATENCY_COLUMNS.map(([, field]) => STATIC_CELLS[field] ?? '');
  const at = Object.fromEntries(LATENCY_COLUMNS.map(([, field]) => [field, columnOf(field)])) as Record<Field, number>;

  const subs: SubState[] = [];
  let assigned = 0;
  SCALE_SUB_EXPERIMENTS.forEach((sub, i) => {
    const count = i === SCALE_SUB_EXPERIMENTS.length - 1 ? rows - assigned : Math.floor(rows * sub.share);
    assigned += count;
    subs.push({ sub, rows: count, written: 0, burstId: 0, nextMs: 150 + sub.index * 3, instanceSerial: 0, invocation: 0 });
  });

  const stream = createWriteStream(filePath, { encoding: 'utf8' });
  stream.write(`${LATENCY_HEADERS.join(',')}\n`);
  let block: string[] = [];
  let checked = 0;
  const flush = async (): Promise<void> => {
    if (block.length === 0) return;
    const text = block.join('');
    block = [];
    if (!stream.write(text)) await once(stream, 'drain');
  };

  for (;;) {
    // The sub-experiment whose next burst is due first, as a parallel run interleaves them.
    let state: SubState | undefined;
    for (const candidate of subs) if (candidate.written < candidate.rows && (state === undefined || candidate.nextMs < state.nextMs)) state = candidate;
    if (state === undefined) break;
    const { sub } = state;
    const round = state.burstId;
    const burstSize = Math.min(sub.burstSizes[round % sub.burstSizes.length] ?? 1, state.rows - state.written);
    const desiredMs = sub.desiredServiceTimesMs[round % sub.desiredServiceTimesMs.length] ?? 0;
    const scheduledMs = state.nextMs;
    for (let indexInBurst = 0; indexInBurst < burstSize; indexInBurst += 1) {
      const cells = template.slice();
      const draw = uniform();
      const failure = draw < 0.005 ? (draw < 0.002 ? 'TIMEOUT' : draw < 0.0035 ? 'HTTP_500' : 'ECONNRESET') : null;
      const cold = failure === null && uniform() < sub.coldShare;
      const dispatchedMs = scheduledMs + 0.05 + uniform() * 0.4 + indexInBurst * 0.012;
      // Warm latencies: a body near 12 ms plus the spin, with a long right tail; cold: 0.3 to 1.5 s.
      const tail = -Math.log(uniform());
      const latencyMs = failure === 'TIMEOUT' ? REQUEST_TIMEOUT_MS + uniform() : failure === 'ECONNRESET' ? 2 + uniform() * 5 : cold ? 300 + 1200 * uniform() : 9 + desiredMs + 4 * tail * tail;
      const endMs = dispatchedMs + latencyMs;
      const fresh = cold || indexInBurst === 0 || failure !== null;

      cells[at.subExperiment] = sub.title;
      cells[at.subExperimentIndex] = String(sub.index);
      cells[at.endpointIndex] = String(round % 2);
      cells[at.endpointUrl] = `https://fn${sub.index}r${round % 2}.lambda-url.eu-west-1.on.aws/`;
      cells[at.burstId] = String(state.burstId);
      cells[at.round] = String(round);
      cells[at.burstSize] = String(burstSize);
      cells[at.indexInBurst] = String(indexInBurst);
      cells[at.desiredServiceTimeMs] = formatMs(desiredMs);
      cells[at.spinIncrementsRequested] = String(desiredMs * 1500);
      cells[at.scheduledMs] = formatMs(scheduledMs);
      cells[at.dispatchedMs] = formatMs(dispatchedMs);
      cells[at.endMs] = formatMs(endMs);
      cells[at.latencyMs] = formatMs(latencyMs);
      cells[at.scheduleLagMs] = formatMs(dispatchedMs - scheduledMs);
      cells[at.reusedConnection] = fresh ? 'false' : 'true';
      if (fresh) {
        cells[at.connectedMs] = formatMs(dispatchedMs + 1.1);
        cells[at.secureConnectedMs] = formatMs(dispatchedMs + 3.4);
        cells[at.dnsMs] = formatMs(0.4);
        cells[at.tcpMs] = formatMs(0.7);
        cells[at.tlsMs] = formatMs(2.3);
      }
      if (failure === null || failure === 'HTTP_500') {
        const ttfbMs = latencyMs - 0.3;
        cells[at.sentMs] = formatMs(dispatchedMs + (fresh ? 3.6 : 0.2));
        cells[at.firstByteMs] = formatMs(dispatchedMs + ttfbMs);
        cells[at.ttfbMs] = formatMs(ttfbMs);
      }
      if (failure !== null) {
        cells[at.ok] = 'false';
        cells[at.errorCode] = failure;
        cells[at.errorMessage] = failure === 'ECONNRESET' ? `"${RESET_MESSAGE.replaceAll('"', '""')}"` : failure === 'TIMEOUT' ? 'no answer within 30000 ms' : 'HTTP 500 Internal Server Error';
        cells[at.status] = failure === 'HTTP_500' ? '500' : '';
        cells[at.responseBytes] = failure === 'HTTP_500' ? '21' : '0';
        cells[at.requestClass] = 'unknown';
        cells[at.classSource] = 'none';
        for (const field of ['spinCapped', 'payloadBytes', 'vendor', 'runtime', 'region'] as const) cells[at[field]] = '';
        if (failure !== 'HTTP_500') cells[at.remoteAddress] = failure === 'TIMEOUT' ? '203.0.113.17' : '';
      } else {
        if (cold) {
          state.instanceSerial += 1;
          state.invocation = 0;
        }
        state.invocation += 1;
        const handlerStartedAt = SCALE_ORIGIN_EPOCH_MS + dispatchedMs + (cold ? latencyMs - desiredMs - 6 : 4);
        const serviceTimeMs = desiredMs + 0.02 + uniform() * 0.05;
        cells[at.requestClass] = cold ? 'cold' : 'warm';
        cells[at.instanceId] = `i-${sub.index}-${state.instanceSerial.toString(36)}`;
        cells[at.coldStart] = cold ? 'true' : 'false';
        cells[at.invocationCount] = String(state.invocation);
        cells[at.instanceStartedAt] = formatMs(handlerStartedAt - (cold ? latencyMs * 0.6 : 60_000));
        cells[at.handlerStartedAt] = formatMs(handlerStartedAt);
        cells[at.handlerEndedAt] = formatMs(handlerStartedAt + serviceTimeMs);
        cells[at.serviceTimeMs] = formatMs(serviceTimeMs);
        cells[at.spinIncrements] = String(desiredMs * 1500);
        cells[at.memoryMb] = String(sub.memoryMb);
        cells[at.requestId] = escapeFormulaText(`${(state.burstId * 7919 + indexInBurst).toString(16).padStart(8, '0')}-${sub.index}a7e-4c1d-9b2f-${state.written.toString(16).padStart(12, '0')}`);
      }
      const line = `${cells.join(',')}\n`;
      if (checked < 64) {
        checked += 1;
        requireReadable(line, cells);
      }
      block.push(line);
      state.written += 1;
      if (block.length >= ROWS_PER_WRITE) await flush();
    }
    state.burstId += 1;
    state.nextMs = scheduledMs + sub.iatMs * (0.5 + uniform());
  }
  await flush();
  stream.end();
  await finished(stream);
  return subs.map((s) => ({ rows: s.written, bursts: s.burstId }));
}

/** The generator's first rows must be rows the reader accepts: catches a contract column the template leaves empty but may not be. */
function requireReadable(line: string, cells: readonly string[]): void {
  const row: Record<string, string> = {};
  LATENCY_HEADERS.forEach((header, i) => {
    const cell = cells[i] ?? '';
    row[header] = cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
  });
  const parsed = parseLatencyRow(row);
  if (typeof parsed === 'string') throw new Error(`scale generator: its row is not a valid latency row (${parsed}); give the column a value in scale-latency-file.ts. Row: ${line}`);
}

/** A run folder with the synthetic latencies.csv and a minimal experiment.resolved.json, as the bench command leaves one. */
export async function writeScaleRunFolder(dir: string, rows: number): Promise<string> {
  await mkdir(dir, { recursive: true });
  const perSub = await writeScaleLatencyFile(path.join(dir, 'latencies.csv'), rows);
  const document = {
    formatVersion: 1,
    runId: path.basename(dir),
    status: 'completed',
    reason: null,
    toolVersion: 'scale-benchmark',
    nodeVersion: process.version,
    originEpochMs: SCALE_ORIGIN_EPOCH_MS,
    startedAt: new Date(SCALE_ORIGIN_EPOCH_MS).toISOString(),
    endedAt: null,
    durationMs: null,
    done: { requests: rows },
    calibrations: [],
    experiment: {
      title: 'scale',
      vendor: 'aws',
      seed: 1,
      seedGenerated: false,
      subExperiments: SCALE_SUB_EXPERIMENTS.map((sub, i) => ({
        index: sub.index,
        title: sub.title,
        bursts: perSub[i]?.bursts ?? 0,
        burstSizes: sub.burstSizes,
        runtime: 'nodejs22',
        memoryMb: sub.memoryMb,
        packageSizeMb: 0,
        desiredServiceTimesMs: sub.desiredServiceTimesMs,
      })),
    },
  };
  await writeFile(path.join(dir, 'experiment.resolved.json'), `${JSON.stringify(document, null, 2)}\n`);
  return dir;
}
