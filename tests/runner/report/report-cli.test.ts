import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { reportCli } from '../../../runner/report/index.js';
import { experimentFixture } from '../fixtures.js';
import { writeRunFolder } from './run-folder-fixture.js';

const execFileAsync = promisify(execFile);

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-report-cli-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const status = await reportCli(argv, { stdout, stderr }, { now: () => new Date(Date.UTC(2026, 10, 25, 9, 30, 0)), randomSuffix: () => 'c0de' });
  return { status, stdout: out.join(''), stderr: err.join('') };
}

/** Exit 2 and exactly one line on stderr that names the folder and says what is wrong; no stack trace. */
function expectOneLine(result: { status: number; stdout: string; stderr: string }, folder: string, what: RegExp): void {
  expect(result.status).toBe(2);
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr.startsWith(`faasbench report: ${folder}`)).toBe(true);
  expect(result.stderr).toMatch(what);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('npm run report, in process', () => {
  test('one folder: rebuilds its report, prints the summary and the path', async () => {
    const dir = await writeRunFolder(path.join(root, 'one'));
    const result = await run([dir]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/sub-experiment +class +n +errors +p50 ms +p99 ms\n/);
    expect(result.stdout).toContain('  service 10 ms');
    expect(result.stdout).toContain(`report: ${path.join(dir, 'report.html')}`);
  });

  test('several runs of one experiment: each report plus a comparison in a new folder next to them', async () => {
    const a = await writeRunFolder(path.join(root, 'many'), { runId: '2026-11-23T10-00-00Z-aaaa' });
    const b = await writeRunFolder(path.join(root, 'many'), { runId: '2026-11-24T10-00-00Z-bbbb', truncateLastRow: true, status: 'interrupted' });
    const result = await run(['--', a, b]);
    expect(result.status).toBe(0);
    const comparisonDir = path.join(path.dirname(a), 'comparison-2026-11-25T09-30-00Z-c0de');
    expect(result.stdout).toContain(`comparison of 2 runs: ${path.join(comparisonDir, 'report.html')}`);
    expect((await readdir(comparisonDir)).sort()).toEqual(['comparison.json', 'plots', 'report.html']);
    const html = await readFile(path.join(comparisonDir, 'report.html'), 'utf8');
    expect(html).toContain('2026-11-23T10-00-00Z-aaaa');
    expect(html).toContain('2026-11-24T10-00-00Z-bbbb');
    expect(html).toContain('href="../2026-11-23T10-00-00Z-aaaa/report.html"');
    expect((html.match(/<svg[\s>]/g) ?? []).length).toBe(2);
    const marker = JSON.parse(await readFile(path.join(comparisonDir, 'comparison.json'), 'utf8'));
    expect(marker.runs.map((r: { folder: string }) => r.folder)).toEqual(['../2026-11-23T10-00-00Z-aaaa', '../2026-11-24T10-00-00Z-bbbb']);

    // The comparison folder is not a run: passing it back says so.
    expectOneLine(await run([comparisonDir]), comparisonDir, /is a comparison made by npm run report, not a run/);
  });

  test('bad input: one line naming the folder, exit 2', async () => {
    const missing = path.join(root, 'nope');
    expectOneLine(await run([missing]), missing, /no such folder/);

    const emptyDir = path.join(root, 'empty-folder');
    await mkdir(emptyDir);
    expectOneLine(await run([emptyDir]), emptyDir, /has no latencies\.csv/);

    const file = path.join(root, 'a-file.txt');
    await writeFile(file, 'x');
    expectOneLine(await run([file]), file, /is a file, not a results folder/);

    const good = await writeRunFolder(path.join(root, 'bad-input'));
    const other = await writeRunFolder(path.join(root, 'bad-input'), { experiment: experimentFixture('experiments/other.json', { title: 'other' }) });
    expectOneLine(await run([good, other]), other, /is a run of experiment "other" but .* is a run of "memory-sweep"/);
    expectOneLine(await run([good, good]), good, /is given twice/);

    const garbled = await writeRunFolder(path.join(root, 'garbled'));
    await writeFile(path.join(garbled, 'latencies.csv'), 'not,a,latency,file\n1,2,3,4\n');
    const result = await run([garbled]);
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(path.join(garbled, 'latencies.csv'));
  });

  test('nothing is written when a later folder is bad', async () => {
    const good = await writeRunFolder(path.join(root, 'untouched'));
    const result = await run([good, path.join(root, 'missing-too')]);
    expect(result.status).toBe(2);
    expect(await readdir(good)).not.toContain('report.html');
  });

  test('usage: no folder is an error, --help is not, unknown options are refused', async () => {
    const none = await run([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^faasbench report: no run folder given; usage: npm run report -- <run folder>/);
    const help = await run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run report --/);
    expectOneLine(await run(['--open']), '--open', /unknown option/);
  });
});

describe('runner/report-main.ts as a process', () => {
  const tsx = path.resolve('node_modules/.bin/tsx');
  const main = path.resolve('runner/report-main.ts');

  test('a partial CSV (cut-off last line) reports with exit 0', async () => {
    const dir = await writeRunFolder(path.join(root, 'process'), { truncateLastRow: true, status: 'interrupted' });
    const { stdout, stderr } = await execFileAsync(tsx, [main, dir]);
    expect(stderr).toBe('');
    expect(stdout).toContain(`report: ${path.join(dir, 'report.html')}`);
  }, 60_000);

  test('a missing folder: one line on stderr and exit status 2', async () => {
    const missing = path.join(root, 'process-missing');
    const failure = await execFileAsync(tsx, [main, missing]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toBe(`faasbench report: ${missing}: no such folder.\n`);
  }, 60_000);
});
