import { afterAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { readLatencyCsv } from '../../runner/results/index.js';
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


const common = (fake: FakePulumi, waitReady = '0') => [
  '--pulumi-root', fake.root, '--work-dir', fake.workDir, '--results', path.join(fake.workDir, 'results'), '--run-id', 'r1', '--wait-ready', waitReady,
];

/** The one run folder a unit left under results/<stack>/<experiment>/. */
async function runDirOf(fake: FakePulumi, stack: string): Promise<string | null> {
  const base = path.join(fake.workDir, 'results', stack);
  for (const experiment of await readdir(base, { withFileTypes: true }).catch(() => [])) {
    if (!experiment.isDirectory()) continue;
    const runs = await readdir(path.join(base, experiment.name));
    if (runs.length > 0) return path.join(base, experiment.name, runs[0] as string);
  }
  return null;
}

const summaryRow = (out: string, stack: string) => out.split('\n').find((line) => line.startsWith(`${stack} `))?.split(/\s{2,}/) ?? [];

describe('npm run pipeline against a scripted Pulumi CLI', () => {
  it('runs stacks in parallel with a fault at each stage; every stack it created is destroyed or reported with the commands to finish it', async () => {
    const fake = await setUp();
    const names = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
    const files = [];
    for (const name of names) files.push(path.join(fake.workDir, await fake.writeExperiment(`${name}.json`, experiment(name))));
    await fake.setFaults({
      notReadyRequests: { 'bench-r1-1-0': 3 }, // alpha: answers 503 at first, as a deploy still propagating
      failUp: ['bench-r1-1-1'], // beta: up deploys part of the stack, then fails
      hang: ['bench-r1-1-2'], // gamma: its endpoint never answers
      failDestroy: ['bench-r1-1-3'], // delta: destroy fails
      badOutputs: ['bench-r1-1-4'], // epsilon: the runner refuses the outputs, the study fails
    });
    const run = io();
    const status = await pipelineCli([...common(fake, '4s'), '--parallel', '5', '--config', 'aws.region=eu-west-1', ...files], run.io);
    const out = run.out();
    expect(run.err()).not.toMatch(/internal error/);
    expect(status).toBe(PIPELINE_EXIT.leftBehind);

    expect(summaryRow(out, 'bench-r1-1-0').slice(1, 5).concat(summaryRow(out, 'bench-r1-1-0').slice(6))).toEqual(['alpha', 'completed', '8', '0', 'yes']);
    expect(summaryRow(out, 'bench-r1-1-1')).toEqual(['bench-r1-1-1', 'beta', 'up failed', '–', '–', '–', 'yes']);
    expect(summaryRow(out, 'bench-r1-1-2')).toEqual(['bench-r1-1-2', 'gamma', 'not ready', '0', '0', '–', 'yes']);
    expect(summaryRow(out, 'bench-r1-1-3').slice(1, 5).concat(summaryRow(out, 'bench-r1-1-3').slice(6))).toEqual(['delta', 'completed', '8', '0', 'no']);
    expect(summaryRow(out, 'bench-r1-1-4')).toEqual(['bench-r1-1-4', 'epsilon', 'study failed', '–', '–', '–', 'yes']);
    // What broke, in words.
    expect(out).toContain('bench-r1-1-1: up failed: pulumi up failed: 1 error occurred: creating function fb-x: AccessDeniedException');
    expect(out).toMatch(/bench-r1-1-2: not ready: the study did not start: warm endpoint 0 is not ready: .*ETIMEDOUT/);
    expect(out).toMatch(/^bench-r1-1-0: 2 of 2 endpoints ready after \d+\.\d s \(5 readiness requests, not measured\)$/m);
    expect(out).toMatch(/^bench-r1-1-2: 0 of 2 endpoints ready after \d+\.\d s: warm endpoint 0 is not ready/m);
    expect(out).toContain('bench-r1-1-3: completed: pulumi destroy failed: deleting function fb-x: AccessDeniedException');
    expect(out).toContain('bench-r1-1-4: study failed: the runner refused its arguments or the experiment (see bench.log)');
    expect(await readFile(path.join(fake.workDir, 'results', 'bench-r1-1-4', 'bench.log'), 'utf8')).toMatch(/memoryMb is 512 in the file but 576 was deployed/);

    // alpha waited through the warm-up; its readiness requests are in run.log, not in latencies.csv.
    const alphaDir = (await runDirOf(fake, 'bench-r1-1-0'))!;
    const readiness = (await readFile(path.join(alphaDir, 'run.log'), 'utf8')).split('\n').filter((l) => l.includes('"event":"readiness"')).map((l) => JSON.parse(l));
    expect(readiness[0]).toMatchObject({ ready: true, endpoints: 2, readyEndpoints: 2, requests: 5 });
    expect(await readLatencyCsv(path.join(alphaDir, 'latencies.csv'))).toHaveLength(8);

    // The stack's secret token reached no file of the results (logs, CSVs, summaries).
    const token = JSON.parse(await readFile(path.join(fake.stateDir, 'deploy-bench-r1-1-0.json'), 'utf8')).outputs.token as string;
    for (const file of await readdir(path.join(fake.workDir, 'results'), { recursive: true })) {
      const full = path.join(fake.workDir, 'results', file);
      const text = await readFile(full, 'utf8').catch(() => '');
      expect({ file, leaks: text.includes(token) }).toEqual({ file, leaks: false });
    }

    // Every deployment is gone but delta's, and delta is the one stack left.
    const pids = await fake.deploymentPids();
    expect([...pids.keys()].sort()).toEqual(['bench-r1-1-0', 'bench-r1-1-1', 'bench-r1-1-2', 'bench-r1-1-3', 'bench-r1-1-4']);
    for (const [stack, pid] of pids) expect({ stack, alive: processAlive(pid) }).toEqual({ stack, alive: stack === 'bench-r1-1-3' });
    expect(await fake.stacks()).toEqual(['bench-r1-1-3']);

    // The printed commands finish the job once the cause is fixed.
    const finish = out.split('\n').find((line) => line.trim().startsWith('cd ') && line.includes('bench-r1-1-3'))!.trim();
    expect(finish).toBe(`cd ${fake.workDir} && ${fake.root}/bin/pulumi destroy --yes --skip-preview --stack bench-r1-1-3 && ${fake.root}/bin/pulumi stack rm --yes bench-r1-1-3`);
    await fake.setFaults({});
    await promisify(execFile)('sh', ['-c', finish]);
    expect(await fake.stacks()).toEqual([]);
    expect(processAlive(pids.get('bench-r1-1-3')!)).toBe(false);
  }, 180_000);
});
