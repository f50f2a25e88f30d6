import { afterAll, describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import path from 'node:path';
import { pipelineCli } from '../../pipeline/cli/pipeline-cli.js';
import { PIPELINE_EXIT } from '../../pipeline/summary/index.js';
import { type FakePulumi, fakePulumi, processAlive } from './fake-pulumi/fake-pulumi-root.js';

const experiment = (title: string, overrides: Record<string, unknown> = {}) => ({
  title,
  vendor: 'aws',
  seed: 11,
  subExperiments: [
    { title: 'warm', bursts: 4, burstSizes: [1], iat: { distribution: 'fixed', ms: 150 } },
    { title: 'pair', bursts: 2, burstSizes: [2], iat: { distribution: 'fixed', ms: 200 } },
  ],
  ...overrides,
});

function io(stops?: { soft?: AbortController; hard?: AbortController }) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const soft = stops?.soft ?? new AbortController();
  const hard = stops?.hard ?? new AbortController();
  return {
    io: { stdout, stderr, env: {}, stops: { soft: soft.signal, hard: hard.signal, cliSawSoftStop: () => false } },
    out: () => out,
    err: () => err,
  };
}

const fakes: FakePulumi[] = [];
afterAll(async () => {
  // No deployment may outlive its test.
  for (const fake of fakes) {
    for (const [, pid] of await fake.deploymentPids()) if (processAlive(pid)) process.kill(pid, 'SIGKILL');
  }
});

async function setUp() {
  const fake = await fakePulumi();
  fakes.push(fake);
  return fake;
}

const common = (fake: FakePulumi) => ['--pulumi-root', fake.root, '--work-dir', fake.workDir, '--results', path.join(fake.workDir, 'results'), '--run-id', 'r1', '--wait-ready', '0'];

describe('npm run pipeline against a scripted Pulumi CLI', () => {
  it('deploys one stack per experiment, runs each study, destroys and removes every stack', async () => {
    const fake = await setUp();
    const a = await fake.writeExperiment('a.json', experiment('alpha'));
    const b = await fake.writeExperiment('b.json', experiment('beta'));
    const run = io();
    const status = await pipelineCli([...common(fake), '--parallel', '2', '--config', 'aws.region=eu-west-1', path.join(fake.workDir, a), path.join(fake.workDir, b)], run.io);
    expect(run.err()).not.toMatch(/internal error/);
    expect(status).toBe(PIPELINE_EXIT.ok);
    const out = run.out();
    expect(out).toMatch(/bench-r1-1-0\s+alpha\s+completed\s+10\s+0\s+\S+report\.html\s+yes/);
    expect(out).toMatch(/bench-r1-1-1\s+beta\s+completed\s+10\s+0\s+\S+report\.html\s+yes/);
    expect(await fake.stacks()).toEqual([]);
    for (const [, pid] of await fake.deploymentPids()) expect(processAlive(pid)).toBe(false);
    const calls = (await fake.calls()).filter((c) => c.includes('bench-r1-1-0')).map((c) => c.slice(0, 2).join(' '));
    expect(calls).toEqual([
      'stack select',
      'stack init',
      'config set-all',
      'up --yes',
      'stack output',
      'stack output',
      'stack history',
      'stack output',
      'stack output',
      'destroy --yes',
      'stack history',
      'stack rm',
    ]);
    const configCall = (await fake.calls()).find((c) => c[0] === 'config' && c.includes('bench-r1-1-0'))!;
    expect(configCall).toEqual(expect.arrayContaining(['--path', 'faasbench:experiments[0]=experiments/a.json', 'faasbench:aws.region=eu-west-1']));
  });
});
