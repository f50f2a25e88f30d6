import { describe, expect, test } from '@jest/globals';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { benchCli } from '../../runner/cli/bench-cli.js';
import { readLatencyCsv } from '../../runner/results/index.js';
import { experimentFile, runFolder } from './helpers.js';

/**
 * The whole loop in process: local platform, calibration, open-loop bursts, CSV, statistics,
 * plots, report. Small enough for CI (about 12 s), shaped like the quickstart: a cold
 * sub-experiment whose IAT is longer than the keep-alive and a warm one whose IAT is shorter.
 */
const experiment = {
  title: 'e2e',
  vendor: 'local',
  seed: 7,
  // The warm IAT is longer than a cold start on a busy machine, so a round never arrives while the
  // previous round's new instance is still starting; the cold IAT exceeds the keep-alive by more
  // than a cold start on a busy machine (1 s seen), so an instance is gone before the next round.
  local: { keepAliveMs: 1500, maxInstancesPerFunction: 8 },
  subExperiments: [
    { title: 'warm', bursts: 16, burstSizes: [2], iat: { distribution: 'fixed', ms: 500 }, desiredServiceTimesMs: [0, 5], packageSizeMb: 1 },
    { title: 'cold', bursts: 6, burstSizes: [1, 2], iat: { distribution: 'fixed', ms: 4000 }, parallelism: 2, packageSizeMb: 1 },
  ],
};

function collect() {
  let text = '';
  return { stream: { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WritableStream, text: () => text };
}

describe('npm run bench on the local platform', () => {
  test('one row per request sent, cold and warm as the function says, statistics and report written', async () => {
    const { file, results } = await experimentFile(experiment);
    const stdout = collect();
    const stderr = collect();
    const code = await benchCli([file, '--results', results, '--quiet', '--format', 'stellar'], {
      stdout: stdout.stream,
      stderr: stderr.stream,
      signal: new AbortController().signal,
    });
    expect({ code, stderr: stderr.text() }).toEqual({ code: 0, stderr: '' });

    const dir = await runFolder(results, 'e2e');
    const records = await readLatencyCsv(path.join(dir, 'latencies.csv'));
    // warm: 16 bursts of 2; cold: 3 rounds x 2 endpoints of 1, 2, 1 requests.
    expect(records.filter((r) => r.subExperiment === 'warm')).toHaveLength(32);
    expect(records.filter((r) => r.subExperiment === 'cold')).toHaveLength(8);
    expect(records.every((r) => r.ok)).toBe(true);

    const cold = records.filter((r) => r.subExperiment === 'cold');
    expect(cold.filter((r) => r.requestClass === 'cold').length / cold.length).toBeGreaterThanOrEqual(0.95);
    // The class follows the instance: at most one cold row per instance, and it is the instance's
    // first (calibration may have served an instance's cold request before the run's first row).
    const byInstance = new Map<string, typeof records>();
    for (const record of records) byInstance.set(record.instanceId as string, [...(byInstance.get(record.instanceId as string) ?? []), record]);
    for (const rows of byInstance.values()) {
      const classes = [...rows].sort((a, b) => (a.handlerStartedAt as number) - (b.handlerStartedAt as number)).map((r) => r.requestClass);
      expect(classes.slice(1).every((c) => c === 'warm')).toBe(true);
    }
    // Mostly warm, not a fixed share: the platform reuses the most recently used idle instance (as
    // real ones do), so when a loaded machine spreads a burst's two requests apart, both land on one
    // instance, the other expires, and the next close pair starts a new one.
    const warmAfterFirst = records.filter((r) => r.subExperiment === 'warm' && r.round > 0);
    expect(warmAfterFirst.filter((r) => r.requestClass === 'warm').length / warmAfterFirst.length).toBeGreaterThanOrEqual(0.75);
    // Every record's class comes from the function itself.
    expect(new Set(records.map((r) => r.classSource))).toEqual(new Set(['function']));
    // Calibration against the function itself: the increments it found for 5 ms reached every request
    // that asked for 5 ms, and the function ran exactly them. How long they took is wall-clock busy
    // time on two cores shared with other jest workers (1.9 to 13 ms seen under a full parallel run),
    // so time is only checked against the unspun requests and a wide ceiling.
    const resolvedRun = JSON.parse(await readFile(path.join(dir, 'experiment.resolved.json'), 'utf8')) as {
      calibrations: { subExperiment: string; timedBy: string | null; problem: string | null; points: { desiredServiceTimeMs: number; spinIncrements: number; achievedServiceTimeMs: number | null }[] }[];
    };
    const calibration = resolvedRun.calibrations.find((c) => c.subExperiment === 'warm');
    expect(calibration).toMatchObject({ timedBy: 'function', problem: null });
    const point = calibration?.points.find((p) => p.desiredServiceTimeMs === 5);
    expect(point?.spinIncrements).toBeGreaterThan(0);
    expect(point?.achievedServiceTimeMs).toBeGreaterThan(0);
    const spun = records.filter((r) => r.desiredServiceTimeMs === 5);
    expect(spun.length).toBe(16);
    for (const r of spun) expect([r.spinIncrementsRequested, r.spinIncrements, r.spinCapped]).toEqual([point?.spinIncrements, point?.spinIncrements, false]);
    const medianOf = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
    const unspun = medianOf(records.filter((r) => r.subExperiment === 'warm' && r.desiredServiceTimeMs === 0).map((r) => r.serviceTimeMs as number));
    const median = medianOf(spun.map((r) => r.serviceTimeMs as number));
    expect(median).toBeGreaterThan(20 * unspun);
    // Only a ceiling against a wrong unit (µs read as ms would be 1000x): how long 5 ms of calibrated
    // work takes in wall-clock time on two shared cores is the machine's load (106 ms seen at load 8).
    expect(median).toBeLessThan(1000);

    const resolved = JSON.parse(await readFile(path.join(dir, 'experiment.resolved.json'), 'utf8')) as Record<string, unknown>;
    expect(resolved).toMatchObject({ status: 'completed', seed: 7, seedGenerated: false, toolVersion: expect.any(String), endpointSource: 'local' });
    for (const name of ['statistics.csv', 'statistics.json', 'run.log', 'report.html', 'stellar/0-warm/latencies.csv', 'stellar/1-cold/latencies.csv']) {
      expect((await stat(path.join(dir, name))).size).toBeGreaterThan(0);
    }
    const statistics = JSON.parse(await readFile(path.join(dir, 'statistics.json'), 'utf8')) as { rows: { subExperiment: string; class: string; p50Ms: number }[] };
    const p50 = (sub: string, cls: string) => statistics.rows.find((r) => r.subExperiment === sub && r.class === cls)?.p50Ms as number;
    expect(p50('cold', 'cold')).toBeGreaterThan(p50('warm', 'warm'));
    expect(stdout.text()).toContain(`report:  ${path.join(dir, 'report.html')}`);
  }, 120_000);

  test('--dry-run prints the plan and sends nothing', async () => {
    const { file, results } = await experimentFile(experiment);
    const stdout = collect();
    const code = await benchCli([file, '--results', results, '--dry-run'], { stdout: stdout.stream, stderr: collect().stream, signal: new AbortController().signal });
    expect(code).toBe(0);
    expect(stdout.text()).toContain('warm: 16 rounds x 1 endpoint, 16 bursts, 32 requests');
    expect(stdout.text()).toContain('cold: 3 rounds x 2 endpoints, 6 bursts, 8 requests');
    await expect(stat(results)).rejects.toThrow();
  });
});
