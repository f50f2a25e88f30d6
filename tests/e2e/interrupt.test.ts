import { describe, expect, test } from '@jest/globals';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { childrenMatching, experimentFile, isAlive, nothingLeft, npmBench, platformOf, runnerOf, waitFor, waitForRows } from './helpers.js';
import { expectFinishedRun } from './run-checks.js';

/**
 * Every way a run is stopped from outside, on a real `npm run bench` in its own process group:
 * whoever gets the signal, the run ends with every row, statistics, plots and report written,
 * status `interrupted`, exit 130, and no runner, platform or instance left. The study is a burst
 * of 2 every 100 ms for 8 s, with a spin long enough that requests are in flight at any moment.
 */
const experiment = {
  title: 'stop',
  vendor: 'local',
  seed: 5,
  local: { keepAliveMs: 5000, maxInstancesPerFunction: 8 },
  subExperiments: [{ title: 'steady', bursts: 80, burstSizes: [2], iat: { distribution: 'fixed', ms: 100 }, desiredServiceTimesMs: [20] }],
};

type Target = 'group' | 'npm' | 'runner';

async function interrupt(signals: readonly { target: Target; signal: NodeJS.Signals; afterMs?: number }[]) {
  const { file, results } = await experimentFile(experiment);
  const bench = npmBench([file, '--results', results, '--quiet']);
  const runner = await runnerOf(bench.pid);
  const platform = await platformOf(runner);
  const dir = await waitForRows(results, 'stop', 6);
  for (const { target, signal, afterMs } of signals) {
    if (afterMs !== undefined) await new Promise((r) => setTimeout(r, afterMs));
    process.kill(target === 'group' ? -bench.pid : target === 'npm' ? bench.pid : runner, signal);
  }
  const { code } = await bench.exited;
  const { records } = await expectFinishedRun(dir, 'interrupted');
  expect(code).toBe(130);
  expect(records.length).toBeGreaterThanOrEqual(6);
  expect(records.length).toBeLessThan(160);
  expect(await waitFor(() => nothingLeft(runner, platform), 15_000)).toBe(true);
  expect(await isAlive(bench.pid)).toBe(false);
  return { records, stderr: bench.stderr() };
}

describe('stopping npm run bench from outside', () => {
  test('Ctrl-C in the terminal (SIGINT to the whole group)', async () => {
    // npm relays the terminal's SIGINT to the runner, which has its own copy: counted once (cli/signal-stages.ts,
    // tested on its own), unless the relay comes late on a loaded machine; either way nothing may be lost.
    const { stderr } = await interrupt([{ target: 'group', signal: 'SIGINT' }]);
    expect(stderr).toContain('SIGINT received: no further bursts');
  }, 180_000);

  test('SIGTERM to npm alone (timeout, CI runners)', async () => {
    await interrupt([{ target: 'npm', signal: 'SIGTERM' }]);
  }, 180_000);

  test('SIGINT to npm alone', async () => {
    await interrupt([{ target: 'npm', signal: 'SIGINT' }]);
  }, 180_000);

  test('SIGTERM to the runner alone', async () => {
    await interrupt([{ target: 'runner', signal: 'SIGTERM' }]);
  }, 180_000);

  test('Ctrl-C while packages are built and the platform starts: exit 130, no stack trace, no half run left', async () => {
    const { results } = await experimentFile(experiment);
    const { file } = await experimentFile(experiment);
    const bench = npmBench([file, '--results', results, '--quiet']);
    const runner = await runnerOf(bench.pid);
    // The run folder and its log exist from the moment the endpoints are being made ready.
    expect(await waitFor(async () => (await readdir(path.join(results, 'stop')).catch(() => [])).length > 0, 90_000, 20)).toBe(true);
    process.kill(-bench.pid, 'SIGINT');
    const { code } = await bench.exited;
    // On failure the diff shows what the runner said.
    expect({ code, stderr: bench.stderr() }).toMatchObject({ code: 130 });
    expect(bench.stderr()).not.toMatch(/internal error|\n\s+at /);
    // Either nothing was sent and no folder is kept, or the signal came after the first request and the run is complete.
    const runs = await readdir(path.join(results, 'stop'));
    if (runs.length > 0) await expectFinishedRun(path.join(results, 'stop', runs[0] as string), 'interrupted');
    else expect(bench.stderr()).toContain('interrupted while getting the endpoints ready, before anything was sent');
    expect(await waitFor(async () => !(await isAlive(runner)) && (await childrenMatching(runner, 'platform-main')).length === 0, 15_000)).toBe(true);
  }, 180_000);

  test('two Ctrl-C 200 ms apart: the second ends the requests in flight, and still nothing is lost', async () => {
    const { stderr } = await interrupt([
      { target: 'group', signal: 'SIGINT' },
      { target: 'group', signal: 'SIGINT', afterMs: 200 },
    ]);
    expect(stderr).toContain('SIGINT received again');
  }, 180_000);
});
