import { describe, expect, test } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { benchCli } from '../../../runner/cli/bench-cli.js';
import { readLatencyCsv } from '../../../runner/results/index.js';
import { experimentFile, runFolder } from '../../e2e/helpers.js';

/**
 * The real bench path (benchCli in process: local platform, dispatch, CSV, statistics, report)
 * with and without local.prewarm. Every request finds no warm instance (the keep-alive is far
 * shorter than the IAT); with pre-warm each meets an instance started and loaded ahead of it, so
 * its first request comes well after its init: `cold-preinit`. The IAT leaves 3.5 s for an
 * instance to load on a busy machine (over 2 s seen under full parallel test load) before the gap
 * falls below the threshold.
 */
const experiment = (title: string, prewarm: boolean) => ({
  title,
  vendor: 'local',
  seed: 11,
  local: { keepAliveMs: 300, maxInstancesPerFunction: 4, ...(prewarm ? { prewarm: { instances: 1 } } : {}) },
  subExperiments: [
    { title: 'first-requests', bursts: 3, burstSizes: [1], iat: { distribution: 'fixed', ms: 4000 }, preinitThresholdMs: 500 },
  ],
});

interface StatisticsDocument {
  readonly rows: readonly { readonly class: string; readonly count: number; readonly errors: number }[];
}

async function bench(title: string, prewarm: boolean) {
  const { file, results } = await experimentFile(experiment(title, prewarm));
  let stderr = '';
  const io = {
    stdout: { write: () => true } as unknown as NodeJS.WritableStream,
    stderr: { write: (chunk: string) => ((stderr += chunk), true) } as unknown as NodeJS.WritableStream,
    signal: new AbortController().signal,
  };
  const code = await benchCli([file, '--results', results, '--quiet'], io);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  const dir = await runFolder(results, title);
  const statistics = JSON.parse(await readFile(path.join(dir, 'statistics.json'), 'utf8')) as StatisticsDocument;
  return {
    records: await readLatencyCsv(path.join(dir, 'latencies.csv')),
    statistics,
    statisticsCsv: await readFile(path.join(dir, 'statistics.csv'), 'utf8'),
    report: await readFile(path.join(dir, 'report.html'), 'utf8'),
  };
}

/** Three rounds 4 s apart, plus start-up and the report, on a machine that may be very busy. */
const BENCH_TIMEOUT_MS = 90_000;

describe('bench on the local platform with instances started ahead', () => {
  test('with local.prewarm every first request is cold-preinit, counted in its own statistics row', async () => {
    const { records, statistics, statisticsCsv, report } = await bench('preinit-on', true);
    expect(records).toHaveLength(3);
    for (const record of records) {
      expect(record).toMatchObject({ ok: true, coldStart: true, refusedBeforeFirst: 0, invocationCount: 1, requestClass: 'cold-preinit', classSource: 'function' });
      expect(record.idleBeforeMs).toBeGreaterThanOrEqual(500);
      expect(record.initMs).toBeGreaterThan(0);
      // Both spans on the function's clock, from the columns written.
      expect(record.idleBeforeMs).toBeCloseTo(record.handlerStartedAt! - record.initEndedAt!, 2);
      expect(record.initMs).toBeCloseTo(record.initEndedAt! - record.instanceStartedAt!, 2);
    }
    expect(new Set(records.map((r) => r.instanceId)).size).toBe(3);
    const byClass = Object.fromEntries(statistics.rows.map((row) => [row.class, row.count + row.errors]));
    expect(byClass).toEqual({ all: 3, cold: 0, 'cold-preinit': 3, warm: 0 });
    expect(statisticsCsv).toMatch(/\n0,first-requests,,,cold-preinit,3,0,/);
    expect(report).toContain('cold-preinit');
  }, BENCH_TIMEOUT_MS);

  test('without it the same requests are plain cold starts and no cold-preinit row appears', async () => {
    const { records, statistics } = await bench('preinit-off', false);
    expect(records).toHaveLength(3);
    for (const record of records) {
      expect(record).toMatchObject({ ok: true, coldStart: true, invocationCount: 1, requestClass: 'cold', classSource: 'function' });
      expect(record.idleBeforeMs).toBeLessThan(500);
    }
    expect(statistics.rows.map((row) => row.class)).toEqual(['all', 'cold', 'warm']);
    expect(statistics.rows.find((row) => row.class === 'cold')?.count).toBe(3);
  }, BENCH_TIMEOUT_MS);
});
