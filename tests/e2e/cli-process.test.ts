import { describe, expect, test } from '@jest/globals';
import { benchProcess, experimentFile, instancesOf, nothingLeft, platformOf, runBench, waitFor } from './helpers.js';

/** A study long enough to be killed mid-run: a burst every 100 ms for 10 s. */
const longExperiment = {
  title: 'long',
  vendor: 'local',
  seed: 1,
  local: { keepAliveMs: 5000 },
  subExperiments: [{ title: 'steady', bursts: 100, burstSizes: [2], iat: { distribution: 'fixed', ms: 100 } }],
};

describe('npm run bench as a process', () => {
  // Stopping by signal through npm: interrupt.test.ts; killed and resumed: resume.test.ts.
  test('a killed runner (SIGKILL) leaves no platform or instance behind', async () => {
    const { file, results } = await experimentFile(longExperiment);
    const child = benchProcess([file, '--results', results, '--quiet']);
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const runner = child.pid as number;
    const platform = await platformOf(runner);
    expect(await waitFor(async () => (await instancesOf(platform)).length >= 1, 60_000)).toBe(true);
    child.kill('SIGKILL');
    await exited;
    expect(await waitFor(() => nothingLeft(runner, platform), 15_000)).toBe(true);
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
