import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { RunListener } from '../../../runner/engine/events.js';
import { readLatencyCsv } from '../../../runner/results/read-latency-csv.js';
import { createRunFolder } from '../../../runner/results/run-folder.js';
import { createLatencyCsvWriter } from '../../../runner/sinks/latency-csv.js';
import { createProgress } from '../../../runner/sinks/progress.js';
import { createResolvedExperimentWriter } from '../../../runner/sinks/resolved-experiment.js';
import { createRunLog } from '../../../runner/sinks/run-log.js';
import { writeStatistics } from '../../../runner/sinks/statistics-file.js';
import { statisticsRows } from '../../../runner/stats/group.js';
import { runInfoFixture, scriptedRun } from '../results/records.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-no-secrets-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a whole run through every sink', () => {
  test('no file and no console line holds the stack token', async () => {
    // The token comes from the same stack outputs as the endpoints in RunInfo; it must not travel with them.
    const { run, token } = runInfoFixture();
    expect(token.length).toBeGreaterThanOrEqual(16);
    const { dir } = await createRunFolder(root, run.experiment.title, new Date(run.originEpochMs), '3f9a');

    const consoleText: string[] = [];
    const consoleStream = new PassThrough();
    consoleStream.on('data', (chunk: Buffer) => consoleText.push(chunk.toString('utf8')));
    const terminal = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
    terminal.on('data', (chunk: Buffer) => consoleText.push(chunk.toString('utf8')));

    const csv = createLatencyCsvWriter(path.join(dir, 'latencies.csv'));
    const log = createRunLog({ filePath: path.join(dir, 'run.log'), console: consoleStream, tty: false });
    const resolved = createResolvedExperimentWriter(dir);
    const progress = createProgress(terminal as unknown as NodeJS.WriteStream, () => 0);
    const listeners: RunListener[] = [csv.listener, log.listener, resolved.listener, progress];
    for (const event of scriptedRun(run)) for (const listener of listeners) listener(event);
    await Promise.all([csv.close(), log.close(), resolved.close()]);
    await writeStatistics(dir, statisticsRows(await readLatencyCsv(path.join(dir, 'latencies.csv'))));

    const files = (await readdir(dir)).sort();
    expect(files).toEqual(['experiment.resolved.json', 'latencies.csv', 'run.log', 'statistics.csv', 'statistics.json']);
    for (const file of files) {
      const text = await readFile(path.join(dir, file), 'utf8');
      expect([file, text.length > 0]).toEqual([file, true]);
      expect([file, text.includes(token)]).toEqual([file, false]);
    }
    expect(consoleText.join('')).not.toContain(token);
    expect(consoleText.join('')).toContain('run 2026-11-23T14-05-12Z-3f9a completed');
  });
});
