import { describe, expect, test } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { experimentFile, nothingLeft, npmBench, platformOf, runFolder, runnerOf, waitFor, waitForRows } from './helpers.js';
import { expectFinishedRun } from './run-checks.js';

/** A burst of 2 every 100 ms for 10 s. */
const experiment = {
  title: 'fragile',
  vendor: 'local',
  seed: 9,
  local: { keepAliveMs: 5000, maxInstancesPerFunction: 8 },
  subExperiments: [{ title: 'steady', bursts: 100, burstSizes: [2], iat: { distribution: 'fixed', ms: 100 } }],
};

/** Whether this machine lets us mount a tmpfs in a mount namespace of our own (root, or user namespaces). */
function canMountTmpfs(): boolean {
  try {
    execFileSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /mnt'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

describe('a run whose ground gives way ends as failed, saying why', () => {
  test('the local platform process dies mid-run', async () => {
    const { file, results } = await experimentFile(experiment);
    const bench = npmBench([file, '--results', results, '--quiet']);
    const runner = await runnerOf(bench.pid);
    const platform = await platformOf(runner);
    const dir = await waitForRows(results, 'fragile', 6);
    process.kill(platform, 'SIGKILL');
    const { code } = await bench.exited;
    expect(code).toBe(1);
    expect(bench.stderr()).toContain(`faasbench: the run in ${dir} failed: the local platform process was killed by SIGKILL during the run.`);
    expect(bench.stderr()).not.toMatch(/\n\s+at /);
    const { records, resolved } = await expectFinishedRun(dir, 'failed');
    expect(resolved['reason']).toBe('the local platform process was killed by SIGKILL during the run');
    // Noticed at once: not a tail of refused requests to the end of the schedule.
    expect(records.length).toBeLessThan(200);
    expect(records.filter((r) => r.errorCode === 'ECONNREFUSED').length).toBeLessThan(20);
    expect(await waitFor(() => nothingLeft(runner, platform), 15_000)).toBe(true);
  }, 180_000);

  const tmpfs = canMountTmpfs();
  (tmpfs ? test : test.skip)('the disk fills up mid-run (results on a 64 KiB tmpfs)', async () => {
    const { dir, file } = await experimentFile(experiment);
    const mountPoint = path.join(dir, 'small-disk');
    await mkdir(mountPoint);
    // The tmpfs lives in the child's own mount namespace and is gone with it; what it held cannot be read
    // afterwards, only what the run said on its way out.
    const script = `mount -t tmpfs -o size=64k tmpfs '${mountPoint}' && exec npm run bench -- '${file}' --results '${mountPoint}' --quiet`;
    const child = spawn('unshare', ['-rm', 'sh', '-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/faasbench: the run in .* failed: (latencies\.csv|the dispatch journal .*) could not be written \(ENOSPC/);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 180_000);

  test('a closed stdout (npm run bench | head -c 1): no crash, no stack trace, the run completes and writes its files', async () => {
    const short = { ...experiment, title: 'piped', subExperiments: [{ ...experiment.subExperiments[0], bursts: 10 }] };
    const { file, results } = await experimentFile(short);
    const child = spawn('sh', ['-c', `npm run bench -- '${file}' --results '${results}' | head -c 1 >/dev/null`], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    await new Promise<void>((resolve) => child.on('close', () => resolve()));
    // The pipeline ends when head does; the run goes on and must finish on its own.
    const done = await waitFor(async () => {
      try {
        const status = JSON.parse(await readFile(path.join(await runFolder(results, 'piped'), 'status.json'), 'utf8')) as { phase: string };
        return status.phase === 'exited';
      } catch {
        return false;
      }
    }, 120_000, 250);
    expect(done).toBe(true);
    await expectFinishedRun(await runFolder(results, 'piped'), 'completed');
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
  }, 180_000);
});
