import { describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadExperimentFile } from '../../experiments/schema/index.js';
import { benchCli } from '../../runner/cli/bench-cli.js';
import { readLatencyCsv } from '../../runner/results/index.js';
import { runBench, runFolder } from './helpers.js';

/**
 * The shipped local keep-alive study, through the real bench path (`node --import tsx
 * runner/main.ts`, as `npm run bench` runs it): the local platform's keep-alive is the ground
 * truth (local.keepAliveMs 2 s), and the estimate must find it, within its bracket.
 *
 * Not a timing assertion: each sample counts for the idle time it measured, and the bins split
 * at 2 s exactly (halfway between 1.5 and 2.5 s), so a late schedule or a slow cold start moves
 * a sample to the bin of the idle it really had; what could break the bracket is only the
 * platform's own eviction timer firing far later than due.
 */

const FILE = 'experiments/keep-alive.json';

interface KeepAliveJson {
  readonly configuredKeepAliveMs: number;
  readonly estimate: { readonly kind: string; readonly bracketMs?: readonly [number, number]; readonly estimateMs?: number; readonly note: string };
  readonly notSamples: { readonly firstOfReplica: number; readonly busy: number; readonly afterFailure: number; readonly acrossResume: number };
  readonly idleTimes: readonly { readonly idleMs: number; readonly samples: number; readonly cold: number; readonly pCold: number | null }[];
}

function collect() {
  let text = '';
  return { stream: { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WritableStream, text: () => text };
}

describe('the keep-alive study on the local platform', () => {
  test('estimates the configured keep-alive: its bracket holds local.keepAliveMs', async () => {
    const results = await mkdtemp(path.join(os.tmpdir(), 'faasbench-keep-alive-'));
    const { code, stdout, stderr } = await runBench([FILE, '--results', results, '--quiet'], 120_000);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const dir = await runFolder(results, 'keep-alive');
    const experiment = await loadExperimentFile(FILE, { drawSeed: () => 0 });
    const study = experiment.keepAlive!;
    const replicas = study.idleTimes.reduce((sum, idle) => sum + idle.replicas, 0);

    const records = await readLatencyCsv(path.join(dir, 'latencies.csv'));
    expect(records).toHaveLength(study.totalRequests);
    expect(records.every((r) => r.ok && r.burstSize === 1)).toBe(true);
    // No spin, so calibration sent nothing that could warm a replica before its first round.
    const resolved = JSON.parse(await readFile(path.join(dir, 'experiment.resolved.json'), 'utf8')) as { calibrations: { requestsSent: number }[]; experiment: { keepAlive: unknown } };
    expect(resolved.calibrations.map((c) => c.requestsSent)).toEqual(study.idleTimes.map(() => 0));
    expect(resolved.experiment.keepAlive).toEqual(study);

    const json = JSON.parse(await readFile(path.join(dir, 'keep-alive.json'), 'utf8')) as KeepAliveJson;
    expect(json.configuredKeepAliveMs).toBe(2000);
    expect(json.notSamples).toEqual({ firstOfReplica: replicas, busy: json.notSamples.busy, afterFailure: 0, acrossResume: 0 });
    // Every request but each replica's first (and any sent while the previous one still ran) is a sample.
    expect(json.idleTimes.reduce((sum, idle) => sum + idle.samples, 0)).toBe(study.totalRequests - replicas - json.notSamples.busy);
    expect(json.estimate.kind).toBe('crossed');
    const [from, to] = json.estimate.bracketMs!;
    expect(from).toBeLessThanOrEqual(2000);
    expect(to).toBeGreaterThanOrEqual(2000);
    // Far from the keep-alive the curve is flat: never cold at the shortest idle, always at the longest.
    // (Near it a sample may go either way: the instance's own idle is longer than the client's by the
    // request's and the answer's transit, which a loaded machine stretches to tens of ms.)
    const sampled = json.idleTimes.filter((idle) => idle.samples > 0);
    expect([sampled[0]?.pCold, sampled.at(-1)?.pCold]).toEqual([0, 1]);
    expect(stdout).toContain('keep-alive: Estimated keep-alive: about ');
    expect(stdout).toContain("The local platform's configured keep-alive is 2 s: inside the bracket. (keep-alive.csv)");
    const csv = await readFile(path.join(dir, 'keep-alive.csv'), 'utf8');
    expect(csv.trim().split('\n')).toHaveLength(1 + study.idleTimes.length);
    expect(await readFile(path.join(dir, 'report.html'), 'utf8')).toContain('<figure id="plot-keep-alive" class="plot">');
  }, 150_000);

  test.each(['aws', 'azure', 'gcp', 'cloudflare'])('--dry-run experiments/%s/keep-alive.json prints its duration and request count', async (vendor) => {
    const file = `experiments/${vendor}/keep-alive.json`;
    const experiment = await loadExperimentFile(file, { drawSeed: () => 0 });
    const study = experiment.keepAlive!;
    const stdout = collect();
    const code = await benchCli([file, '--dry-run'], { stdout: stdout.stream, stderr: collect().stream, signal: new AbortController().signal });
    expect(code).toBe(0);
    const minutes = (study.scheduleMs / 60_000).toFixed(1);
    expect(stdout.text()).toContain(`total: ${study.totalRequests} requests over about ${minutes} min of schedule (parallel)`);
    expect(stdout.text()).toMatch(/keep-alive: \d+ idle times from \d+ min to (\d+ min|1 h), at least 30 samples each/);
    // Within the budget, and far inside the pipeline's 5 h for up and study.
    expect(study.scheduleMs).toBeLessThanOrEqual(study.wallBudgetMs);
    expect(study.wallBudgetMs).toBeLessThanOrEqual(3 * 3_600_000);
  });
});
