import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import type { ResolvedExperiment } from '../../../experiments/schema/index.js';
import type { RunInfo } from '../../../runner/engine/events.js';
import { formatLatencyRow, LATENCY_HEADERS } from '../../../runner/results/latency-cells.js';
import type { RequestRecord } from '../../../runner/results/request-record.js';
import { writeResolvedExperiment } from '../../../runner/results/resolved-file.js';
import { experimentFixture, outputsFixture } from '../fixtures.js';
import { calibrationFixture, failedRecordFixture, recordFixture } from '../results/records.js';

/**
 * Run folders for report tests, made the way the bench command makes them (same CSV cells, same
 * resolved-file writer), with deterministic synthetic latencies: three sub-experiments sweeping
 * memory, cold starts on every fifth burst, a few timeouts and HTTP 500s.
 */

export const FIXTURE_TOKEN_HINT = 'tok-0123456789abcdef-secret';

export function memorySweepExperiment(file = 'experiments/memory-sweep.json'): ResolvedExperiment {
  const sub = (title: string, memoryMb: number) => ({ title, bursts: 30, burstSizes: [3], iat: { distribution: 'fixed', ms: 1500 }, memoryMb, desiredServiceTimesMs: [0, 10] });
  return experimentFixture(file, {
    title: 'memory-sweep',
    description: 'Cold and warm latency at three memory sizes.',
    subExperiments: [sub('mem-128', 128), sub('mem-512', 512), sub('mem-1024', 1024)],
  });
}

/** Latencies from a fixed linear congruential sequence, so every test run draws the same numbers. */
export function syntheticRecords(experiment: ResolvedExperiment, requestsPerBurst = 3): RequestRecord[] {
  let state = 42;
  const next = (): number => (state = (state * 48271) % 2147483647) / 2147483647;
  const records: RequestRecord[] = [];
  for (const sub of experiment.subExperiments) {
    for (let burstId = 0; burstId < sub.bursts; burstId += 1) {
      const scheduledMs = 200 + burstId * 1500 + sub.index * 7;
      for (let indexInBurst = 0; indexInBurst < requestsPerBurst; indexInBurst += 1) {
        const cold = burstId % 5 === 0;
        const desiredServiceTimeMs = sub.desiredServiceTimesMs[burstId % sub.desiredServiceTimesMs.length] ?? 0;
        const latencyMs = cold ? 180 + 90_000 / sub.memoryMb + next() * 120 : 12 + desiredServiceTimeMs + next() * 18 + (next() < 0.03 ? 60 : 0);
        const dispatchedMs = scheduledMs + 0.2 + indexInBurst * 0.05;
        const base = {
          subExperiment: sub.title,
          subExperimentIndex: sub.index,
          endpointIndex: burstId % sub.parallelism,
          endpointUrl: `https://fn${sub.index}.lambda-url.eu-west-1.on.aws/`,
          burstId,
          round: burstId,
          burstSize: requestsPerBurst,
          indexInBurst,
          desiredServiceTimeMs,
          scheduledMs,
          dispatchedMs,
          memoryMb: sub.memoryMb,
        };
        if (burstId === 7 && indexInBurst === 1) {
          records.push(failedRecordFixture(sub.index === 1 ? 'HTTP_500' : 'TIMEOUT', { ...base, latencyMs: sub.index === 1 ? 25 : 3000, endMs: dispatchedMs + 3000 }));
          continue;
        }
        const ttfbMs = latencyMs - 0.4;
        records.push(
          recordFixture({
            ...base,
            latencyMs,
            ttfbMs,
            firstByteMs: dispatchedMs + ttfbMs,
            endMs: dispatchedMs + latencyMs,
            requestClass: cold ? 'cold' : 'warm',
            coldStart: cold,
            instanceId: `i-${sub.index}-${indexInBurst}-${Math.floor(burstId / 5)}`,
            invocationCount: (burstId % 5) + 1,
            serviceTimeMs: desiredServiceTimeMs + 0.3,
            requestId: `req-${sub.index}-${burstId}-${indexInBurst}`,
          }),
        );
      }
    }
  }
  return records;
}

export function latencyCsvText(records: readonly RequestRecord[]): string {
  return `${LATENCY_HEADERS.join(',')}\n${Papa.unparse(records.map(formatLatencyRow), { columns: [...LATENCY_HEADERS], header: false, newline: '\n' })}\n`;
}

export interface RunFolderOptions {
  readonly records?: readonly RequestRecord[];
  readonly experiment?: ResolvedExperiment;
  /** Leave experiment.resolved.json out. */
  readonly withoutResolved?: boolean;
  /** Cut the CSV in the middle of its last row, as a killed run leaves it. */
  readonly truncateLastRow?: boolean;
  readonly status?: 'completed' | 'interrupted' | 'failed';
  readonly runId?: string;
}

/** Writes `<root>/<experiment slug>/<run id>/` with latencies.csv and (unless told) experiment.resolved.json. */
export async function writeRunFolder(root: string, options: RunFolderOptions = {}): Promise<string> {
  const experiment = options.experiment ?? memorySweepExperiment();
  const records = options.records ?? syntheticRecords(experiment);
  const runId = options.runId ?? '2026-11-23T14-05-12Z-3f9a';
  const dir = path.join(root, experiment.title, runId);
  await mkdir(dir, { recursive: true });
  let csv = latencyCsvText(records);
  if (options.truncateLastRow === true) csv = csv.slice(0, csv.length - Math.floor(csv.length / (records.length + 1) / 2));
  await writeFile(path.join(dir, 'latencies.csv'), csv);
  if (options.withoutResolved !== true) {
    const outputs = outputsFixture(experiment);
    const endpoints = outputs.experiments[0];
    if (endpoints === undefined) throw new Error('outputs fixture has no experiment');
    const run: RunInfo = {
      runId,
      experiment,
      endpoints,
      endpointSource: 'stack',
      toolVersion: '0.1.0',
      nodeVersion: 'v20.20.2',
      originEpochMs: Date.UTC(2026, 10, 23, 14, 5, 12, 250),
      plannedRequests: records.length,
      plannedBursts: 90,
      plannedLastBurstMs: 45_000,
    };
    const status = options.status ?? 'completed';
    const calibrations = experiment.subExperiments.map((sub) =>
      calibrationFixture({
        subExperimentIndex: sub.index,
        subExperiment: sub.title,
        points: sub.desiredServiceTimesMs.map((ms) => ({ desiredServiceTimeMs: ms, spinIncrements: ms * 1500, achievedServiceTimeMs: ms + 0.2 })),
      }),
    );
    await writeResolvedExperiment(dir, {
      run,
      status,
      reason: status === 'completed' ? null : 'interrupted by SIGINT',
      endMs: 46_123.5,
      calibrations,
      done: { bursts: 90, requests: records.length, errors: records.filter((r) => !r.ok).length },
    });
  }
  return dir;
}
