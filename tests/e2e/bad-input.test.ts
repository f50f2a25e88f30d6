import { describe, expect, test } from '@jest/globals';
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseExperimentText } from '../../experiments/schema/index.js';
import { outputsFixture } from '../runner/fixtures.js';
import { experimentFile, runBench } from './helpers.js';

/**
 * Bad input through the real entry (a child process): one paragraph naming the file and the field,
 * exit status 2, no stack trace, and no results folder, since every file is read and checked before
 * the first folder is made.
 */

const sub = { title: 'a', bursts: 2, burstSizes: [1], iat: { distribution: 'fixed', ms: 10 } };
const cloud = { title: 'cloud', vendor: 'aws', seed: 1, subExperiments: [sub] };

async function expectRefused(args: string[], results: string, message: RegExp) {
  const { code, stdout, stderr } = await runBench([...args, '--results', results], 120_000);
  expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
  expect(stderr).toMatch(message);
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  await expect(stat(results)).rejects.toThrow();
}

/** An outputs file for the `cloud` experiment in `file`, edited by `edit`. */
async function outputsFor(dir: string, file: string, edit: (outputs: ReturnType<typeof outputsFixture>) => unknown): Promise<string> {
  const outputs = outputsFixture(parseExperimentText(JSON.stringify(cloud), file, { drawSeed: () => 1 }), 'http://127.0.0.1:9');
  const outputsPath = path.join(dir, 'outputs.json');
  await writeFile(outputsPath, JSON.stringify(edit(outputs)));
  return outputsPath;
}

describe('bad input is refused before anything is made', () => {
  test.concurrent('deeply nested JSON names the file', async () => {
    const { dir, file, results } = await experimentFile({});
    await writeFile(file, `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    await expectRefused([file], results, new RegExp(`^faasbench: Experiment file ${escape(file)} nests lists and objects more than 32 levels deep \\(line 1\\)`));
    void dir;
  }, 150_000);

  test.concurrent('a description over the cap names the field and the cap', async () => {
    const { file, results } = await experimentFile({ title: 'x', description: 'd'.repeat(4001), subExperiments: [sub] });
    await expectRefused([file], results, new RegExp(`^faasbench: Experiment file ${escape(file)}: description must have at most 4000 characters \\(got "ddd`));
  }, 150_000);

  test.concurrent('a file over the size cap is not read', async () => {
    const { file, results } = await experimentFile({});
    await writeFile(file, `{"title":"x","description":"${'d'.repeat(5 * 1024 * 1024)}"}`);
    await expectRefused([file], results, new RegExp(`^faasbench: Experiment file ${escape(file)} is 5\\.0 MiB; faasbench reads files of at most 4 MiB`));
  }, 150_000);

  test.concurrent('a local file asking for more instances than the machine holds names the fields', async () => {
    const { file, results } = await experimentFile({
      title: 'huge',
      vendor: 'local',
      seed: 1,
      local: { maxInstancesPerFunction: 256 },
      subExperiments: [{ ...sub, burstSizes: [256], parallelism: 64 }],
    });
    await expectRefused(
      [file],
      results,
      new RegExp(
        `^faasbench: Experiment file ${escape(file)}: the local platform would run up to 16384 instance processes at once .*parallelism 64 × min\\(local\\.maxInstancesPerFunction 256, largest burst 256\\) = 16384\\), but at about 50 MB each this machine's [\\d.]+ GiB of memory hold at most \\d+`,
      ),
    );
  }, 150_000);

  test.concurrent('an outputs file whose sub-experiment index matches nothing', async () => {
    const { dir, file, results } = await experimentFile(cloud);
    const outputsPath = await outputsFor(dir, file, (o) => ({
      ...o,
      experiments: o.experiments.map((e) => ({ ...e, subExperiments: e.subExperiments.map((s) => ({ ...s, index: 5 })) })),
    }));
    await expectRefused(
      [file, '--outputs', outputsPath],
      results,
      new RegExp(`^faasbench: outputs file ${escape(outputsPath)}: experiments\\[0\\]\\.subExperiments\\[0\\]\\.index is 5, but ${escape(file)} has sub-experiments 0 to 0`),
    );
  }, 150_000);

  test.concurrent('a token with a line break names the field and never shows the token', async () => {
    const { dir, file, results } = await experimentFile(cloud);
    const outputsPath = await outputsFor(dir, file, (o) => ({ ...o, token: 'tok-XyZZy-0123456789abcdef\r\n' }));
    await expectRefused([file, '--outputs', outputsPath], results, new RegExp(`^faasbench: Outputs file ${escape(outputsPath)}: token has a line break at character 27; it is sent as an HTTP header value`));
    const { stderr } = await runBench([file, '--outputs', outputsPath, '--results', results]);
    expect(stderr).not.toContain('XyZZy');
  }, 150_000);

  test.concurrent('a byte-order mark is accepted', async () => {
    const { file } = await experimentFile({});
    await writeFile(file, `\uFEFF${JSON.stringify({ title: 'bom', vendor: 'local', seed: 1, subExperiments: [sub] })}`);
    const { code, stdout, stderr } = await runBench(['--dry-run', file], 120_000);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('a: 2 rounds x 1 endpoint, 2 bursts, 2 requests');
  }, 150_000);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
