import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { benchCli } from '../../../runner/cli/bench-cli.js';
import { readLatencyCsv } from '../../../runner/results/index.js';
import { experimentFile, runFolder } from '../../e2e/helpers.js';

/**
 * Readiness inside a real bench run (local platform): its requests are in run.log and not in
 * latencies.csv, and the first round of a cold study leaves at least one IAT after the last of them,
 * so the instance readiness started is gone before the first measured request.
 */
const IAT_MS = 2000;
const experiment = {
  title: 'readiness',
  vendor: 'local',
  seed: 3,
  local: { keepAliveMs: 1000, maxInstancesPerFunction: 4 },
  subExperiments: [{ title: 'cold', bursts: 4, burstSizes: [1], iat: { distribution: 'fixed', ms: IAT_MS }, parallelism: 2 }],
};

function collect() {
  let text = '';
  return { stream: { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WritableStream, text: () => text };
}

describe('bench --wait-ready', () => {
  it('waits for every endpoint before calibrating, keeps its requests out of the latency data, and leaves one IAT before the first round', async () => {
    const { file, results } = await experimentFile(experiment);
    const stderr = collect();
    const code = await benchCli([file, '--results', results, '--quiet', '--wait-ready', '30s'], {
      stdout: collect().stream,
      stderr: stderr.stream,
      signal: new AbortController().signal,
    });
    expect({ code, stderr: stderr.text() }).toEqual({ code: 0, stderr: '' });
    const dir = await runFolder(results, 'readiness');
    const lines = (await readFile(path.join(dir, 'run.log'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const readiness = lines.find((line) => line['event'] === 'readiness');
    expect(readiness).toMatchObject({ ready: true, endpoints: 2, readyEndpoints: 2, requests: 2 });
    // Readiness comes before the run starts (and so before calibration and every round).
    expect(lines.findIndex((line) => line['event'] === 'readiness')).toBeLessThan(lines.findIndex((line) => line['event'] === 'run-start'));

    const records = await readLatencyCsv(path.join(dir, 'latencies.csv'));
    expect(records).toHaveLength(4);
    const resolved = JSON.parse(await readFile(path.join(dir, 'experiment.resolved.json'), 'utf8')) as { originEpochMs: number };
    const lastReadinessMs = Date.parse(readiness!['lastRequestEndedAt'] as string);
    const firstDispatchedMs = resolved.originEpochMs + Math.min(...records.map((r) => r.dispatchedMs));
    expect(firstDispatchedMs - lastReadinessMs).toBeGreaterThanOrEqual(IAT_MS);
    // The instances readiness started were retired (keep-alive 1 s < IAT 2 s): the first round is cold.
    expect(records.filter((r) => r.round === 0).map((r) => r.requestClass)).toEqual(['cold', 'cold']);
  });
});
