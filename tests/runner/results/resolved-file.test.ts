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
      experimentHash: null,
      endpointSource: 'stack',
      endpointLocator: null,
      resumes: [],
      endpoints: JSON.parse(JSON.stringify(run.endpoints)),
      calibrations,
      experiment: JSON.parse(JSON.stringify(run.experiment)),
    });
    // Written through a temp file and a rename: nothing else is left behind.
    expect(await readdir(dir)).toEqual([RESOLVED_FILE_NAME]);
  });

  test('a resumed run: hash, where its endpoints came from, and each gap', async () => {
    const dir = await mkdtemp(path.join(root, 'resumed-'));
    const gap = {
      after: 'killed' as const, stoppedAt: '2026-11-23T14:05:40.000Z', resumedAt: '2026-11-23T14:07:00.000Z', gapMs: 80_000, stoppedMs: 27_750,
      resumedMs: 107_750, lostRequests: 2, remainingRequests: 3, shiftMs: 79_000, newInstances: false, pid: 4242,
    };
    const resumed = { ...run, experimentHash: 'ab'.repeat(32), endpointLocator: 'ci/outputs.json', resumes: [gap] };
    await writeResolvedExperiment(dir, { run: resumed, status: 'completed', reason: null, endMs: 140_000, calibrations: [], done: { bursts: 6, requests: 6, errors: 2 } });
    expect(await readJson(dir)).toMatchObject({ experimentHash: 'ab'.repeat(32), endpointLocator: 'ci/outputs.json', resumes: [gap], durationMs: 140_000 });
  });

  test('the sink carries the calibrations and counts, and writes after each calibration', async () => {
    const dir = await mkdtemp(path.join(root, 'carried-'));
    const earlier = calibrationFixture();
    const writer = createResolvedExperimentWriter(dir, { calibrations: [earlier], done: { bursts: 2, requests: 4, errors: 1 } });
    const events = scriptedRun(run, 'completed');
    for (const event of events.filter((e) => e.type === 'run-start' || e.type === 'calibration')) writer.listener(event);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const midway = await readJson(dir);
    expect(midway).toMatchObject({ status: 'running', done: { bursts: 2, requests: 4, errors: 1 } });
    expect((midway['calibrations'] as unknown[]).length).toBe(1 + events.filter((e) => e.type === 'calibration').length);
    await writer.close();
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
