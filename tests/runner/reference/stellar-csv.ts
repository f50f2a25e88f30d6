import Papa from 'papaparse';
import { formatMs } from '../../../runner/results/latency-cells.js';
import { writeFileAtomic } from '../../../runner/results/atomic-write.js';
import type { RequestRecord } from '../../../runner/results/request-record.js';
import { rfc3339Micros } from '../../../runner/export/rfc3339.js';

/**
 * latencies.csv in STeLLAR's layout (src/benchmarking/writers/round-trip-latency-writer.go), so its
 * Python plotters and notebooks read faasbench data unchanged:
 *
 *   Request ID,Host,Sent At,Received At,Client Latency (ms),Burst ID
 *
 * - Successful requests only: STeLLAR has no error column and never wrote failed requests, so a
 *   failure row would be read as a latency. Failures stay in faasbench's own latencies.csv.
 * - Request ID: the platform's request id; without one, `<instanceId>-<invocationCount>`, which is
 *   unique per invocation just the same; `N/A` (STeLLAR's value for vHive) if even that is missing.
 * - Host: the endpoint's host (with the port when it is not the default, which only the local platform uses).
 * - Sent At / Received At: dispatch and first response byte, RFC 3339 with µs fractions (STeLLAR
 *   wrote whole seconds; its readers accept fractions).
 * - Client Latency (ms): time to first byte, as STeLLAR measured it, with µs precision (STeLLAR wrote
 *   whole ms). faasbench's latency_ms (to the last byte) is not what STeLLAR's plots expect.
 * - Burst ID: faasbench's burst id, which counts per sub-experiment, as STeLLAR's did per
 *   sub-experiment folder. A file holding several sub-experiments repeats ids; write one file per
 *   sub-experiment (splitBySubExperiment) when burst-level analysis matters.
 *
 * Rows keep the order they are given in (the latency CSV's completion order, as STeLLAR's).
 */

export const STELLAR_HEADER = ['Request ID', 'Host', 'Sent At', 'Received At', 'Client Latency (ms)', 'Burst ID'] as const;

/** The export's rows (without the header), as text cells. */
export function stellarRows(records: readonly RequestRecord[], originEpochMs: number): string[][] {
  return records.filter((record) => record.ok).map((record) => stellarRow(record, originEpochMs));
}

function stellarRow(record: RequestRecord, originEpochMs: number): string[] {
  // A successful request always has a first byte; the fallbacks keep a malformed record from producing a bogus time.
  const receivedMs = record.firstByteMs ?? record.endMs;
  const latencyMs = record.ttfbMs ?? record.latencyMs;
  return [
    requestIdOf(record),
    hostOf(record.endpointUrl),
    rfc3339Micros(originEpochMs + record.dispatchedMs),
    rfc3339Micros(originEpochMs + receivedMs),
    formatMs(latencyMs),
    String(record.burstId),
  ];
}

export function requestIdOf(record: RequestRecord): string {
  if (record.requestId !== null && record.requestId !== '') return record.requestId;
  if (record.instanceId !== null && record.invocationCount !== null) return `${record.instanceId}-${record.invocationCount}`;
  return 'N/A';
}

function hostOf(endpointUrl: string): string {
  try {
    return new URL(endpointUrl).host;
  } catch {
    return endpointUrl;
  }
}

/** The whole file as text, header first, `\n` line ends. */
export function stellarCsv(records: readonly RequestRecord[], originEpochMs: number): string {
  const header = STELLAR_HEADER.join(',');
  const rows = stellarRows(records, originEpochMs);
  // Papa.unparse of no rows would still emit an empty line after the header.
  return rows.length === 0 ? `${header}\n` : `${header}\n${Papa.unparse(rows, { newline: '\n' })}\n`;
}

/** Writes the export atomically; returns the number of rows written (successful requests). */
export async function writeStellarCsv(records: readonly RequestRecord[], filePath: string, originEpochMs: number): Promise<number> {
  await writeFileAtomic(filePath, stellarCsv(records, originEpochMs));
  return records.filter((record) => record.ok).length;
}

/** Records split by sub-experiment (index order), for one STeLLAR file per sub-experiment as STeLLAR wrote them. */
export function splitBySubExperiment(records: readonly RequestRecord[]): Map<number, RequestRecord[]> {
  const bySub = new Map<number, RequestRecord[]>();
  for (const record of records) {
    const group = bySub.get(record.subExperimentIndex);
    if (group === undefined) bySub.set(record.subExperimentIndex, [record]);
    else group.push(record);
  }
  return new Map([...bySub].sort(([a], [b]) => a - b));
}
