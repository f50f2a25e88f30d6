import { describe, expect, test } from '@jest/globals';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { readLatencyCsv } from '../../runner/results/index.js';
import { benchProcess, experimentFile, processesMatching, runBench, runFolder } from './helpers.js';

/** A study long enough to interrupt: a burst every 100 ms for 10 s. */
const longExperiment = {
  title: 'long',
  vendor: 'local',
  seed: 1,
  local: { keepAliveMs: 5000 },
  subExperiments: [{ title: 'steady', bursts: 100, burstSizes: [2], iat: { distribution: 'fixed', ms: 100 } }],
};

// Instances and the platform run bundles from the project's work folder, so their command lines name it.
const LOCAL_RUNTIME = path.join(process.cwd(), '.faasbench', 'local', 'runtime');

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

async function csvRows(file: string): Promise<number> {
  try {
    return (await readFile(file, 'utf8')).split('\n').length - 2;
  } catch {
    return 0;
  }
}

describe('npm run bench as a process', () => {
  test('Ctrl-C mid-run: exit 130, everything measured is written, status interrupted, no process left', async () => {
    const { file, results } = await experimentFile(longExperiment);
    const child = benchProcess([file, '--results', results, '--quiet']);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const csv = async () => {
      try {
        return path.join(await runFolder(results, 'long'), 'latencies.csv');
      } catch {
        return null;
      }
    };
    expect(await waitFor(async () => { const f = await csv(); return f !== null && (await csvRows(f)) >= 10; }, 30_000)).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(130);

    const dir = await runFolder(results, 'long');
    const records = await readLatencyCsv(path.join(dir, 'latencies.csv'));
    expect(records.length).toBeGreaterThanOrEqual(10);
    expect(records.length).toBeLessThan(200);
    // Every request that was sent is a row, requests cut short included (as ABORTED), never half a burst.
    const perBurst = new Map<number, number>();
    for (const r of records) perBurst.set(r.burstId, (perBurst.get(r.burstId) ?? 0) + 1);
    expect([...perBurst.values()].every((n) => n === 2)).toBe(true);
    const resolved = JSON.parse(await readFile(path.join(dir, 'experiment.resolved.json'), 'utf8')) as { status: string; reason: string };
    expect(resolved).toMatchObject({ status: 'interrupted', reason: 'interrupted by SIGINT' });
    expect((await stat(path.join(dir, 'report.html'))).size).toBeGreaterThan(0);
    expect(await waitFor(async () => (await processesMatching(LOCAL_RUNTIME)).length === 0, 5000)).toBe(true);
  }, 120_000);

  test('a killed runner (SIGKILL) leaves no platform or instance behind', async () => {
    const { file, results } = await experimentFile(longExperiment);
    const child = benchProcess([file, '--results', results, '--quiet']);
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    expect(await waitFor(async () => (await processesMatching(LOCAL_RUNTIME)).length >= 2, 30_000)).toBe(true);
    child.kill('SIGKILL');
    await exited;
    expect(await waitFor(async () => (await processesMatching(LOCAL_RUNTIME)).length === 0, 10_000)).toBe(true);
  }, 120_000);

  test.each([
    [['experiments/does-not-exist.json'], /^faasbench: Experiment file experiments\/does-not-exist\.json cannot be read: there is no such file\.\n$/],
    [['--seeed', '1'], /^faasbench: --seeed is not an option; run `npm run bench -- --help` for the options\.\n$/],
    [['experiments/aws/cold-baseline.json'], /^faasbench: experiments\/aws\/cold-baseline\.json runs on aws, whose endpoints come from `pulumi up`, but .*\n$/],
  ])('%j: one line naming the problem, exit code 2, no stack trace', async (args, message) => {
    const { code, stdout, stderr } = await runBench(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
  }, 60_000);

  test('a bad experiment file names the file and the field', async () => {
    const { file } = await experimentFile({ title: 'x', subExperiments: [{ title: 'a', bursts: 0, burstSizes: [1], iat: { distribution: 'fixed', ms: 1 } }] });
    const { code, stderr } = await runBench([file]);
    expect(code).toBe(2);
    expect(stderr).toBe(`faasbench: Experiment file ${file}: subExperiments[0].bursts must be at least 1 (got 0).\n`);
  }, 60_000);
});
