import { escapeFormulaText, formatMs, unescapeFormulaText } from '../results/latency-cells.js';
import { REQUEST_CLASSES, type RequestClass } from '../results/request-record.js';
import { TRANSFER_COLUMNS, TRANSFER_HEADERS, type TransferRow } from './transfer-row.js';

/**
 * transfers.csv cells, written and read the way latencies.csv's are (latency-cells.ts): ms with
 * µs precision, true/false, empty for null, formula-like text quoted with a leading '.
 */

type Kind = 'ms' | 'count' | 'bool' | 'text';
const KINDS: Readonly<Record<keyof TransferRow, Kind>> = {
  subExperiment: 'text',
  subExperimentIndex: 'count',
  endpointIndex: 'count',
  burstId: 'count',
  indexInBurst: 'count',
  chainId: 'text',
  hop: 'count',
  chainLength: 'count',
  transfer: 'text',
  payloadBytes: 'count',
  senderInstanceId: 'text',
  receiverInstanceId: 'text',
  receiverClass: 'text',
  storeService: 'text',
  putMs: 'ms',
  getMs: 'ms',
  deleteMs: 'ms',
  authMs: 'ms',
  handoffRttMs: 'ms',
  receiverBusyMs: 'ms',
  transferMs: 'ms',
  transferCrossClockMs: 'ms',
  bandwidthMbps: 'ms',
  ok: 'bool',
  errorCode: 'text',
  errorMessage: 'text',
};

export function formatTransferRow(row: TransferRow): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const [header, field] of TRANSFER_COLUMNS) {
    const value = row[field];
    const kind = KINDS[field];
    cells[header] = value === null ? '' : kind === 'ms' ? formatMs(value as number) : kind === 'text' ? escapeFormulaText(String(value)) : String(value);
  }
  return cells;
}

/** The row, or a sentence saying which cell is wrong. */
export function parseTransferRow(cells: Readonly<Record<string, string | undefined>>): TransferRow | string {
  const out: Record<string, unknown> = {};
  for (const [header, field] of TRANSFER_COLUMNS) {
    const cell = cells[header] ?? '';
    const kind = KINDS[field];
    if (cell === '') {
      out[field] = null;
      continue;
    }
    if (kind === 'text') out[field] = unescapeFormulaText(cell);
    else if (kind === 'bool') {
      if (cell !== 'true' && cell !== 'false') return `${header} must be true or false (got ${JSON.stringify(cell)})`;
      out[field] = cell === 'true';
    } else {
      const value = Number(cell);
      if (!Number.isFinite(value)) return `${header} must be a number (got ${JSON.stringify(cell.slice(0, 40))})`;
      out[field] = value;
    }
  }
  if (out['transfer'] !== 'inline' && out['transfer'] !== 'storage') return `transfer must be inline or storage (got ${JSON.stringify(out['transfer'])})`;
  if (!REQUEST_CLASSES.includes(out['receiverClass'] as RequestClass)) return `receiver_class must be one of ${REQUEST_CLASSES.join(', ')}`;
  for (const field of ['subExperiment', 'subExperimentIndex', 'hop', 'payloadBytes', 'ok'] as const) {
    if (out[field] === null) return `${TRANSFER_COLUMNS.find(([, f]) => f === field)?.[0]} must not be empty`;
  }
  return out as unknown as TransferRow;
}

export { TRANSFER_HEADERS };
