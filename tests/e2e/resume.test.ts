import { describe, expect, test } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { benchCli } from '../../runner/cli/bench-cli.js';
import { experimentFile, nothingLeft, npmBench, platformOf, runBench, runnerOf, waitFor, waitForRows } from './helpers.js';
import { expectFinishedRun } from './run-checks.js';

/**
 * 100 bursts of 2, one every 150 ms, each request busy for 30 ms. The runner is killed once rows
 * have reached the file and while more than a fifth of the rounds are still to come, so the resume
 * both completes rows (LOST) and sends rounds.
 */
const ROUNDS = 100;
const experiment = {
  title: 'resumable',
  vendor: 'local',
  seed: 11,
  local: { keepAliveMs: 5000, maxInstancesPerFunction: 8 },
  subExperiments: [{ title: 'steady', bursts: ROUNDS, burstSizes: [2], iat: { distribution: 'fixed', ms: 150 }, desiredServiceTimesMs: [30] }],
};
const PLANNED = 2 * ROUNDS;

async function dispatchedRounds(dir: string): Promise<number> {
  const text = await readFile(path.join(dir, 'dispatch-journal.jsonl'), 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line.includes('"t":"dispatched"')).length;
}

describe('--resume', () => {
  test('a run killed with kill -9 is resumed to exactly the planned rows, once each; a changed file or a completed run is refused', async () => {
    const { file, results } = await experimentFile(experiment);
    const bench = npmBench([file, '--results', results, '--quiet']);
    const runner = await runnerOf(bench.pid);
    const platform = await platformOf(runner);
    const dir = await waitForRows(results, 'resumable', 4);
    expect(await dispatchedRounds(dir)).toBeLessThan(ROUNDS * 0.8);
    process.kill(runner, 'SIGKILL');
    await bench.exited;
    expect(await waitFor(() => nothingLeft(runner, platform), 15_000)).toBe(true);

    const killed = JSON.parse(await readFile(path.join(dir, 'experiment.resolved.json'), 'utf8')) as { status: string; calibrations: unknown[] };
    expect(killed.status).toBe('running');
    // The report tells a killed run from a running one.
    const report = await runReport(dir);
    expect(report.code).toBe(0);
    expect(await readFile(path.join(dir, 'report.html'), 'utf8')).toContain('status killed');

    // The experiment file changed: refused, nothing written.
    const original = await readFile(file, 'utf8');
    await writeFile(file, JSON.stringify({ ...experiment, subExperiments: [{ ...experiment.subExperiments[0], bursts: 61 }] }));
    const refused = await runBench(['--resume', dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`^faasbench: Cannot resume ${escape(dir)}: its experiment file ${escape(file)} changed since the run started`));
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    await writeFile(file, original);

    const resumed = await runBench(['--resume', dir, '--quiet'], 120_000);
    expect({ code: resumed.code, stderr: resumed.stderr }).toEqual({ code: 0, stderr: '' });
    const { records, resolved } = await expectFinishedRun(dir, 'completed');
    expect(records).toHaveLength(PLANNED);
    const resumes = resolved['resumes'] as {
      after: string; gapMs: number; stoppedAt: string; resumedAt: string; stoppedMs: number; lostRequests: number; remainingRequests: number; newInstances: boolean;
    }[];
    expect(resumes).toHaveLength(1);
    expect(resumes[0]?.remainingRequests).toBeGreaterThan(0);
    expect(resumes[0]).toMatchObject({ after: 'killed', newInstances: true });
    expect(resumes[0]?.gapMs).toBeGreaterThan(0);
    expect(Date.parse(resumes[0]?.resumedAt as string)).toBeGreaterThan(Date.parse(resumes[0]?.stoppedAt as string));
    expect(records.filter((r) => r.errorCode === 'LOST')).toHaveLength(resumes[0]?.lostRequests as number);
    // Rows sent after the gap are on the run's timeline, after the stop; the planned rounds keep their spacing.
    const after = records.filter((r) => r.scheduledMs > (resumes[0]?.stoppedMs as number));
    expect(after).toHaveLength(resumes[0]?.remainingRequests as number);
    const resumedRounds = [...new Set(after.map((r) => r.scheduledMs))].sort((a, b) => a - b);
    for (let i = 1; i < resumedRounds.length; i++) expect((resumedRounds[i] as number) - (resumedRounds[i - 1] as number)).toBeCloseTo(150, 2);
    const log = await readFile(path.join(dir, 'run.log'), 'utf8');
    expect(log).toMatch(/"event":"resume"/);
    expect(await readFile(path.join(dir, 'report.html'), 'utf8')).toMatch(/resumed/);

    const again = await runBench(['--resume', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('it completed');
  }, 300_000);
});

describe('--resume in process (an orchestrator with its own AbortSignal)', () => {
  test('an interrupted run is continued to exactly the planned rows, with the calibration reused', async () => {
    const { file, results } = await experimentFile({ ...experiment, title: 'paused', subExperiments: [{ ...experiment.subExperiments[0], bursts: 40 }] });
    const stop = new AbortController();
    const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
    const first = benchCli([file, '--results', results, '--quiet'], { stdout: quiet, stderr: quiet, signal: stop.signal, hardSignal: new AbortController().signal });
    const dir = await waitForRows(results, 'paused', 4);
    stop.abort(new Error('interrupted by the orchestrator'));
    expect(await first).toBe(130);
    const interrupted = await expectFinishedRun(dir, 'interrupted');
    expect(interrupted.resolved['reason']).toBe('interrupted by the orchestrator');
    // A soft stop lets what was in flight finish: nothing was lost or aborted.
    expect(interrupted.records.every((r) => r.ok)).toBe(true);

    const code = await benchCli(['--resume', dir, '--quiet'], { stdout: quiet, stderr: quiet, signal: new AbortController().signal });
    expect(code).toBe(0);
    const { records, resolved } = await expectFinishedRun(dir, 'completed');
    expect(records).toHaveLength(80);
    expect(resolved['resumes']).toEqual([expect.objectContaining({ after: 'interrupted', lostRequests: 0 })]);
    expect(resolved['calibrations']).toHaveLength(1);
    const log = await readFile(path.join(dir, 'run.log'), 'utf8');
    expect(log).toContain('calibration reused');
  }, 300_000);
});

function runReport(dir: string) {
  return new Promise<{ code: number | null }>((resolve) => {
    import('node:child_process').then(({ execFile }) =>
      execFile(process.execPath, ['--import', 'tsx', 'runner/report-main.ts', dir], { timeout: 120_000 }, (error) =>
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null }),
      ),
    );
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
