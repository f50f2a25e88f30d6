import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { finishRun } from '../../../runner/bench/finish-run.js';
import type { BenchArgs } from '../../../runner/cli/args.js';
import { stellarCsv } from '../../../runner/export/index.js';
import { readLatencyCsv } from '../../../runner/results/index.js';
import { runInfoFixture } from '../results/records.js';
import { memorySweepExperiment, syntheticRecords, writeRunFolder } from '../report/run-folder-fixture.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-finish-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const args = (formats: BenchArgs['formats']): BenchArgs => ({
  files: [],
  outputsFile: null,
  stack: null,
  resultsDir: root,
  resume: null,
  seed: null,
  only: [],
  formats,
  dryRun: false,
  waitReadyMs: null,
  quiet: true,
  help: false,
  version: false,
});

describe('the end of a bench run', () => {
  test('counts from the report’s table, the report, and the STeLLAR files streamed from latencies.csv', async () => {
    const experiment = memorySweepExperiment();
    const records = syntheticRecords(experiment);
    const dir = await writeRunFolder(root, { experiment, records, truncateLastRow: true, status: 'interrupted' });
    const { run } = runInfoFixture();
    const out: string[] = [];
    const stdout = new PassThrough();
    stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
    const info = { ...run, experiment };
    await finishRun({ dir, info, status: 'interrupted', reason: 'SIGINT received', args: args(['stellar']), io: { stdout, stderr: stdout, signal: new AbortController().signal } });

    // The cut-off last row is not counted; the three failures are.
    const read = await readLatencyCsv(path.join(dir, 'latencies.csv'));
    expect(read).toHaveLength(records.length - 1);
    const text = out.join('');
    expect(text).toContain(`memory-sweep: interrupted (SIGINT received); ${read.length} requests, 3 errors\n`);
    expect(text).toContain(`report:  ${path.join(dir, 'report.html')}`);
    expect((await readdir(path.join(dir, 'stellar'))).sort()).toEqual(['0-mem-128', '1-mem-512', '2-mem-1024']);
    for (const sub of experiment.subExperiments) {
      const exported = await readFile(path.join(dir, 'stellar', `${sub.index}-${sub.title}`, 'latencies.csv'), 'utf8');
      expect(exported).toBe(stellarCsv(read.filter((r) => r.subExperimentIndex === sub.index), info.originEpochMs));
    }
    // Nothing half-written is left behind.
    for (const folder of await readdir(path.join(dir, 'stellar'))) expect(await readdir(path.join(dir, 'stellar', folder))).toEqual(['latencies.csv']);
  }, 60_000);

  test('without --format stellar there is no export', async () => {
    const dir = await writeRunFolder(path.join(root, 'plain'));
    const stdout = new PassThrough();
    stdout.resume();
    await finishRun({ dir, info: runInfoFixture().run, status: 'completed', reason: null, args: args([]), io: { stdout, stderr: stdout, signal: new AbortController().signal } });
    expect(await readdir(dir)).not.toContain('stellar');
  }, 60_000);
});
