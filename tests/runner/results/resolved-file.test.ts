import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { RESOLVED_FILE_NAME, writeResolvedExperiment } from '../../../runner/results/resolved-file.js';
import { createResolvedExperimentWriter, MISSING_RUN_END_REASON } from '../../../runner/sinks/resolved-experiment.js';
import { calibrationFixture, runInfoFixture, scriptedRun } from './records.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-resolved-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const { run } = runInfoFixture();
const readJson = async (dir: string): Promise<Record<string, unknown>> => JSON.parse(await readFile(path.join(dir, RESOLVED_FILE_NAME), 'utf8'));

describe('experiment.resolved.json', () => {
  test('holds what is needed to know and repeat the run', async () => {
    const dir = await mkdtemp(path.join(root, 'direct-'));
    const calibrations = [calibrationFixture()];
    await writeResolvedExperiment(dir, { run, status: 'completed', reason: null, endMs: 61_750, calibrations, done: { bursts: 6, requests: 6, errors: 1 } });
    expect(await readJson(dir)).toEqual({
      formatVersion: 1,
      runId: run.runId,
      status: 'completed',
      reason: null,
      toolVersion: '0.1.0',
      nodeVersion: 'v20.20.2',
      seed: run.experiment.seed,
      seedGenerated: false,
      originEpochMs: run.originEpochMs,
      startedAt: '2026-11-23T14:05:12.250Z',
      endedAt: '2026-11-23T14:06:14.000Z',
      durationMs: 61_750,
      planned: { bursts: 6, requests: 6, lastBurstMs: 30 },
      done: { bursts: 6, requests: 6, errors: 1 },
      endpointSource: 'stack',
      endpoints: JSON.parse(JSON.stringify(run.endpoints)),
      calibrations,
      experiment: JSON.parse(JSON.stringify(run.experiment)),
    });
    // Written through a temp file and a rename: nothing else is left behind.
    expect(await readdir(dir)).toEqual([RESOLVED_FILE_NAME]);
  });

  test('the sink writes it at run-start as running, and again at run-end', async () => {
    const dir = await mkdtemp(path.join(root, 'sink-'));
    const writer = createResolvedExperimentWriter(dir);
    const events = scriptedRun(run, 'interrupted');
    const [runStart, ...rest] = events;
    if (runStart === undefined) throw new Error('no events');
    writer.listener(runStart);
    // Let the queued write land before looking.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await readJson(dir)).toMatchObject({ status: 'running', reason: null, endedAt: null, done: { requests: 0 } });
    for (const event of rest) writer.listener(event);
    await writer.close();
    expect(await readJson(dir)).toMatchObject({
      status: 'interrupted',
      reason: 'SIGINT received',
      durationMs: 31.5,
      done: { bursts: 6, requests: 6, errors: 1 },
      calibrations: [{ subExperiment: 'warm' }, { subExperiment: 'cold' }],
    });
  });

  test('closed without a run-end, it does not claim the run is still going', async () => {
    const dir = await mkdtemp(path.join(root, 'no-end-'));
    const writer = createResolvedExperimentWriter(dir);
    for (const event of scriptedRun(run).slice(0, 5)) writer.listener(event);
    await writer.close();
    expect(await readJson(dir)).toMatchObject({ status: 'interrupted', reason: MISSING_RUN_END_REASON, done: { requests: 1 } });
  });

  test('a write that fails is reported by close()', async () => {
    const writer = createResolvedExperimentWriter(path.join(root, 'missing', 'folder'));
    writer.listener({ type: 'run-start', run });
    await expect(writer.close()).rejects.toMatchObject({ name: 'UserError', message: expect.stringMatching(/could not be written: ENOENT\.$/) });
  });
});
