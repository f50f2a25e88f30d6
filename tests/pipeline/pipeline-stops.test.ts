import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipelineCli } from '../../pipeline/cli/pipeline-cli.js';
import { PIPELINE_EXIT } from '../../pipeline/summary/index.js';
import { readLatencyCsv } from '../../runner/results/index.js';
import { type FakePulumi, fakePulumi, processAlive } from './fake-pulumi/fake-pulumi-root.js';

/** Stops from outside: first and second signal mid-study, and a unit's own timeout mid-`up`. */

const longStudy = (title: string) => ({
  title,
  vendor: 'aws',
  seed: 5,
  subExperiments: [{ title: 'steady', bursts: 80, burstSizes: [1], iat: { distribution: 'fixed', ms: 100 } }],
});

const fakes: FakePulumi[] = [];
afterAll(async () => {
  for (const fake of fakes) {
    for (const [, pid] of await fake.deploymentPids()) if (processAlive(pid)) process.kill(pid, 'SIGKILL');
  }
});

function start(fake: FakePulumi, argv: string[]) {
  const soft = new AbortController();
  const hard = new AbortController();
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const status = pipelineCli(
    ['--pulumi-root', fake.root, '--work-dir', fake.workDir, '--results', path.join(fake.workDir, 'results'), '--run-id', 's1', '--wait-ready', '30s', ...argv],
    { stdout, stderr: new PassThrough(), env: {}, stops: { soft: soft.signal, hard: hard.signal, cliSawSoftStop: () => false } },
  );
  return { soft, hard, status, out: () => out };
}

/** Resolves once the stack's latencies.csv holds at least `rows` rows. */
async function measured(fake: FakePulumi, stack: string, rows: number): Promise<string> {
  const base = path.join(fake.workDir, 'results', stack, 'steady-study');
  for (;;) {
    const runs = await readdir(base).catch(() => []);
    const csv = runs.length === 0 ? null : path.join(base, runs[0] as string, 'latencies.csv');
    if (csv !== null) {
      const text = await readFile(csv, 'utf8').catch(() => '');
      if (text.split('\n').length - 2 >= rows) return path.dirname(csv);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const summaryRow = (out: string, stack: string) => out.split('\n').find((line) => line.startsWith(`${stack} `))?.split(/\s{2,}/) ?? [];

async function expectNothingLeft(fake: FakePulumi) {
  expect(await fake.stacks()).toEqual([]);
  for (const [, pid] of await fake.deploymentPids()) expect(processAlive(pid)).toBe(false);
}

describe('stopping the pipeline', () => {
  it('first signal mid-study: the study stops and keeps its rows, the next unit never starts, the stack is destroyed', async () => {
    const fake = await fakePulumi();
    fakes.push(fake);
    const first = path.join(fake.workDir, await fake.writeExperiment('steady.json', longStudy('steady-study')));
    const second = path.join(fake.workDir, await fake.writeExperiment('later.json', longStudy('later-study')));
    const run = start(fake, ['--parallel', '1', first, second]);
    const runDir = await measured(fake, 'bench-s1-1-0', 3);
    run.soft.abort(new Error('SIGTERM'));
    expect(await run.status).toBe(PIPELINE_EXIT.interrupted);

    const records = await readLatencyCsv(path.join(runDir, 'latencies.csv'));
    expect(records.length).toBeGreaterThanOrEqual(3);
    expect(records.length).toBeLessThan(80);
    const resolved = JSON.parse(await readFile(path.join(runDir, 'experiment.resolved.json'), 'utf8')) as { status: string };
    expect(resolved.status).toBe('interrupted');
    expect(summaryRow(run.out(), 'bench-s1-1-0')).toEqual(['bench-s1-1-0', 'steady-study', 'interrupted', String(records.length), String(records.filter((r) => !r.ok).length), expect.stringMatching(/report\.html$/), 'yes']);
    expect(summaryRow(run.out(), 'bench-s1-1-1')).toEqual(['bench-s1-1-1', 'later-study', 'skipped', '–', '–', '–', 'n/a']);
    await expectNothingLeft(fake);
  }, 120_000);

  it('second signal: the study is killed at once, the rows it wrote stay, the stack is destroyed', async () => {
    const fake = await fakePulumi();
    fakes.push(fake);
    const file = path.join(fake.workDir, await fake.writeExperiment('steady.json', longStudy('steady-study')));
    const run = start(fake, [file]);
    const runDir = await measured(fake, 'bench-s1-1-0', 3);
    run.soft.abort(new Error('SIGINT'));
    run.hard.abort(new Error('SIGINT'));
    expect(await run.status).toBe(PIPELINE_EXIT.interrupted);
    const records = await readLatencyCsv(path.join(runDir, 'latencies.csv'));
    expect(records.length).toBeGreaterThanOrEqual(3);
    const row = summaryRow(run.out(), 'bench-s1-1-0');
    expect([row[2], row[3], row[6]]).toEqual(['interrupted', String(records.length), 'yes']);
    expect(run.out()).toMatch(/bench-s1-1-0: interrupted: the pipeline was interrupted \(the study was (killed|stopped) with \d+ requests measured\)/);
    await expectNothingLeft(fake);
  }, 120_000);

  it('a unit that runs out of time mid-up is stopped and destroyed', async () => {
    const fake = await fakePulumi();
    fakes.push(fake);
    await fake.setFaults({ hangUp: ['bench-s1-1-0'] });
    const file = path.join(fake.workDir, await fake.writeExperiment('steady.json', longStudy('steady-study')));
    const run = start(fake, ['--timeout', '4s', file]);
    expect(await run.status).toBe(PIPELINE_EXIT.failed);
    expect(summaryRow(run.out(), 'bench-s1-1-0')).toEqual(['bench-s1-1-0', 'steady-study', 'timed out', '–', '–', '–', 'yes']);
    expect(run.out()).toContain('bench-s1-1-0: timed out: the unit ran out of its 4.0 s (pulumi up failed: update canceled: received SIGINT)');
    await expectNothingLeft(fake);
  }, 120_000);

  it('npm run pipeline itself: a Ctrl-C that arrives twice at once (terminal and npm) is one stop, the study writes its report, exit 130', async () => {
    const fake = await fakePulumi();
    fakes.push(fake);
    const file = path.join(fake.workDir, await fake.writeExperiment('steady.json', longStudy('steady-study')));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'pipeline/pipeline-main.ts', '--pulumi-root', fake.root, '--work-dir', fake.workDir, '--results', path.join(fake.workDir, 'results'), '--run-id', 'm1', file],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.resume();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const runDir = await measured(fake, 'bench-m1-1-0', 3);
    child.kill('SIGINT');
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    // One stop, not two: the study stopped softly and wrote its statistics and report.
    expect((await stat(path.join(runDir, 'report.html'))).isFile()).toBe(true);
    expect(JSON.parse(await readFile(path.join(runDir, 'experiment.resolved.json'), 'utf8')).status).toBe('interrupted');
    expect(summaryRow(out, 'bench-m1-1-0').slice(2, 3).concat(summaryRow(out, 'bench-m1-1-0').slice(6))).toEqual(['interrupted', 'yes']);
    await expectNothingLeft(fake);
  }, 120_000);
});
