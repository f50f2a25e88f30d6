import { afterAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipelineCli } from '../../pipeline/cli/pipeline-cli.js';
import { COMMENT_MARKER, PIPELINE_EXIT } from '../../pipeline/summary/index.js';
import { sweepCli } from '../../pipeline/sweep/index.js';
import { type FakePulumi, fakePulumi, processAlive } from './fake-pulumi/fake-pulumi-root.js';

/**
 * A pull request's preview, as the preview workflow runs it: a kept pr-<n>-<vendor> stack with the
 * conformance suite and a smoke study, updated in place on the next push, destroyed when the pull
 * request closes (npm run sweep -- --stack pr-<n>-<vendor>).
 */

const fakes: FakePulumi[] = [];
afterAll(async () => {
  for (const fake of fakes) for (const [, pid] of await fake.deploymentPids()) if (processAlive(pid)) process.kill(pid, 'SIGKILL');
});

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString()));
  return { stream, text: () => text };
}

describe('preview stacks', () => {
  it('deploy, check conformance, run the smoke study, keep the stack for the next push, and go when the pull request closes', async () => {
    const fake = await fakePulumi();
    fakes.push(fake);
    const smoke = path.join(
      fake.workDir,
      await fake.writeExperiment('smoke.json', {
        title: 'smoke-aws',
        vendor: 'aws',
        seed: 42,
        subExperiments: [{ title: 'smoke', bursts: 6, burstSizes: [1, 2], iat: { distribution: 'fixed', ms: 300 } }],
      }),
    );
    const never = new AbortController().signal;
    const preview = async (summary: string) => {
      const out = capture();
      const status = await pipelineCli(
        ['--pulumi-root', fake.root, '--work-dir', fake.workDir, '--results', path.join(fake.workDir, 'results'), '--keep-stacks', '--conformance', '--stack-name', 'pr-5-{vendor}', '--wait-ready', '30s', '--summary-md', summary, '--config', 'aws.region=eu-west-1', smoke],
        { stdout: out.stream, stderr: capture().stream, env: {}, stops: { soft: never, hard: never, cliSawSoftStop: () => false } },
      );
      return { status, out: out.text(), markdown: await readFile(summary, 'utf8') };
    };

    const first = await preview(path.join(fake.workDir, 'first.md'));
    expect({ status: first.status, out: first.out }).toMatchObject({ status: PIPELINE_EXIT.ok });
    expect(first.out).toMatch(/pr-5-aws\s+smoke-aws\s+completed\s+9\s+0\s+\S+report\.html\s+kept/);
    expect(first.out).toMatch(/conformance of pr-5-aws:\nendpoint .*\n-+.*\nsmoke-aws\/smoke\/0(\s+pass){10}\n/);
    expect(first.markdown.startsWith(COMMENT_MARKER)).toBe(true);
    expect(first.markdown).toContain('#### Conformance of pr-5-aws');
    expect(first.markdown).toMatch(/\| smoke-aws\/smoke\/0 \| pass \| pass \|/);
    expect(first.markdown).toMatch(/#### smoke-aws on pr-5-aws: latency \(ms\)/);
    expect(await fake.stacks()).toEqual(['pr-5-aws']);
    const firstPid = (await fake.deploymentPids()).get('pr-5-aws')!;

    // The next push updates the same stack in place.
    const second = await preview(path.join(fake.workDir, 'second.md'));
    expect(second.status).toBe(PIPELINE_EXIT.ok);
    const calls = (await fake.calls()).map((c) => c.slice(0, 2).join(' '));
    expect(calls.filter((c) => c === 'stack init')).toHaveLength(1);
    expect(calls.filter((c) => c.startsWith('up'))).toHaveLength(2);
    expect(calls.filter((c) => c.startsWith('destroy'))).toHaveLength(0);
    expect(processAlive(firstPid)).toBe(false);

    // The pull request closes: the teardown job sweeps its stacks.
    const out = capture();
    expect(await sweepCli(['--pulumi-root', fake.root, '--work-dir', fake.workDir, '--stack', 'pr-5-aws'], { stdout: out.stream, stderr: capture().stream, env: {} })).toBe(0);
    expect(out.text()).toMatch(/pr-5-aws\s+destroyed\s+named on the command line/);
    expect(await fake.stacks()).toEqual([]);
    for (const [, pid] of await fake.deploymentPids()) expect(processAlive(pid)).toBe(false);
  }, 180_000);
});
