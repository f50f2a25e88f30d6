import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { rfc3339Micros, STELLAR_HEADER, splitBySubExperiment, stellarCsv, writeStellarCsv } from '../../../runner/export/index.js';
import { failedRecordFixture, recordFixture } from '../results/records.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-stellar-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ORIGIN_MS = Date.UTC(2026, 10, 23, 14, 5, 12, 250);
const RFC3339_FRACTIONAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const records = [
  recordFixture({ requestId: 'abc-123', endpointUrl: 'https://x1.lambda-url.eu-west-1.on.aws/', dispatchedMs: 100.25, firstByteMs: 140.75, ttfbMs: 40.5, burstId: 3 }),
  failedRecordFixture('TIMEOUT', { burstId: 3 }),
  recordFixture({ requestId: null, instanceId: 'i-9', invocationCount: 4, endpointUrl: 'http://127.0.0.1:40123/f0', dispatchedMs: 2000.0005, firstByteMs: 2012.3456, ttfbMs: 12.3451, burstId: 4 }),
  failedRecordFixture('HTTP_500', { burstId: 4 }),
  recordFixture({ requestId: null, instanceId: null, invocationCount: null, burstId: 5, subExperimentIndex: 1, subExperiment: 'cold' }),
];

describe('STeLLAR export', () => {
  test('exact header, one row per successful request, values from the records', async () => {
    const filePath = path.join(dir, 'latencies.stellar.csv');
    const written = await writeStellarCsv(records, filePath, ORIGIN_MS);
    const text = await readFile(filePath, 'utf8');
    expect(text.split('\n')[0]).toBe('Request ID,Host,Sent At,Received At,Client Latency (ms),Burst ID');
    const parsed = Papa.parse<string[]>(text.trimEnd(), { header: false });
    const rows = parsed.data.slice(1);
    expect(written).toBe(3);
    expect(rows).toHaveLength(records.filter((r) => r.ok).length);
    expect(rows[0]).toEqual(['abc-123', 'x1.lambda-url.eu-west-1.on.aws', '2026-11-23T14:05:12.350250Z', '2026-11-23T14:05:12.390750Z', '40.500', '3']);
    // No platform id: instance and invocation count stand in; the local platform's port stays in the host.
    expect(rows[1]).toEqual(['i-9-4', '127.0.0.1:40123', '2026-11-23T14:05:14.250001Z', '2026-11-23T14:05:14.262346Z', '12.345', '4']);
    expect(rows[2]?.[0]).toBe('N/A');
  });

  test('timestamps are RFC 3339 with fractional seconds and parse back to the same instant', () => {
    const text = stellarCsv(records, ORIGIN_MS);
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
    for (const row of rows) {
      for (const column of ['Sent At', 'Received At']) {
        const value = row[column] ?? '';
        expect(value).toMatch(RFC3339_FRACTIONAL);
        expect(Math.abs(Date.parse(value) - Date.parse(value.replace(/(\.\d{3})\d{3}Z$/, '$1Z')))).toBe(0);
      }
      expect(Date.parse(row['Received At'] ?? '')).toBeGreaterThanOrEqual(Date.parse(row['Sent At'] ?? ''));
    }
  });

  test('the header is STeLLAR writer’s, column for column', () => {
    expect(STELLAR_HEADER).toEqual(['Request ID', 'Host', 'Sent At', 'Received At', 'Client Latency (ms)', 'Burst ID']);
    expect(stellarCsv([], ORIGIN_MS)).toBe('Request ID,Host,Sent At,Received At,Client Latency (ms),Burst ID\n');
  });

  test('µs rounding carries into the millisecond and second', () => {
    expect(rfc3339Micros(Date.UTC(2026, 0, 1, 0, 0, 0, 999) + 0.9996)).toBe('2026-01-01T00:00:01.000000Z');
    expect(rfc3339Micros(Date.UTC(2026, 0, 1) + 0.001)).toBe('2026-01-01T00:00:00.000001Z');
    expect(() => rfc3339Micros(Number.NaN)).toThrow(RangeError);
  });

  test('records split by sub-experiment for one STeLLAR file each', () => {
    const split = splitBySubExperiment(records);
    expect([...split.keys()]).toEqual([0, 1]);
    expect(split.get(1)).toHaveLength(1);
  });
});
