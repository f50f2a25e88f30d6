import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseExperimentText } from '../../../experiments/schema/index.js';
import { foldJournal, openDispatchJournal, readDispatchJournal } from '../../../runner/bench/dispatch-journal.js';
import type { BurstSpec } from '../../../runner/engine/study-deps.js';
import { outputsFixture } from '../fixtures.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-journal-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const experiment = parseExperimentText(
  JSON.stringify({ title: 'j', vendor: 'aws', seed: 1, subExperiments: [{ title: 'a', bursts: 4, burstSizes: [2], iat: { distribution: 'fixed', ms: 100 }, parallelism: 2 }] }),
  'experiments/j.json',
  { drawSeed: () => 1 },
);
const sub = experiment.subExperiments[0] as (typeof experiment.subExperiments)[number];
const endpoints = outputsFixture(experiment).experiments[0]?.subExperiments[0]?.endpoints ?? [];
const spec = (burstId: number, round: number, scheduledMs: number): BurstSpec => ({
  sub, endpoint: endpoints[burstId % 2] as (typeof endpoints)[number], burstId, round, size: 2, desiredServiceTimeMs: 0, spinIncrements: 12, scheduledMs,
});

describe('the dispatch journal', () => {
  test('what was announced, minus what was cancelled, with the last start and calibration', async () => {
    const file = path.join(root, 'a.jsonl');
    const journal = openDispatchJournal(file, 0, new Date('2026-11-23T14:05:12Z'));
    journal.calibrated({ subExperimentIndex: 0, subExperiment: 'a', incrementsPerMs: 3, points: [], requestsSent: 4, timedBy: 'function', problem: null });
    journal.subStarted(0, 12.5);
    journal.willFire([spec(0, 0, 112.5), spec(1, 0, 112.5)]);
    journal.willFire([spec(2, 1, 212.5), spec(3, 1, 212.5)]);
    journal.cancelled([spec(2, 1, 212.5), spec(3, 1, 212.5)]);
    journal.close();
    // Each line is in the file as soon as the call returns (synchronous writes).
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { t: string }).t)).toEqual(['segment', 'calibration', 'start', 'dispatched', 'dispatched', 'cancelled']);
    const read = await readDispatchJournal(file);
    expect(read?.segments).toBe(1);
    expect(read?.lastScheduledMs).toBe(112.5);
    expect([...(read?.state.starts ?? [])]).toEqual([[0, 12.5]]);
    expect(read?.state.calibrations.get(0)?.incrementsPerMs).toBe(3);
    expect([...(read?.state.dispatched.get(0)?.entries() ?? [])]).toEqual([
      [0, { subExperimentIndex: 0, round: 0, scheduledMs: 112.5, spinIncrements: 12, burstIds: [0, 1] }],
      [1, { subExperimentIndex: 0, round: 0, scheduledMs: 112.5, spinIncrements: 12, burstIds: [0, 1] }],
    ]);
  });

  test('a second segment appends; a line cut off by a kill is not an entry', async () => {
    const file = path.join(root, 'b.jsonl');
    openDispatchJournal(file, 0, new Date()).close();
    const second = openDispatchJournal(file, 1, new Date());
    second.willFire([spec(0, 0, 100)]);
    second.close();
    await appendFile(file, '{"t":"dispatched","sub":0,"round":1,"sch');
    const read = await readDispatchJournal(file);
    expect(read?.segments).toBe(2);
    expect([...(read?.state.dispatched.get(0)?.keys() ?? [])]).toEqual([0]);
  });

  test('a damaged line in the middle is refused: resuming from it could send twice', () => {
    expect(() => foldJournal('{"t":"segment","segment":0,"pid":1,"at":"x"}\nnot json\n{"t":"start","sub":0,"startMs":1}\n', 'j.jsonl')).toThrow(
      'Dispatch journal j.jsonl, line 2, is not a journal entry',
    );
  });

  test('no journal: null', async () => {
    expect(await readDispatchJournal(path.join(root, 'missing.jsonl'))).toBeNull();
  });

  test('a write that fails throws, so no round leaves unannounced', () => {
    // /dev/full: every write fails with ENOSPC, as on a full disk.
    expect(() => openDispatchJournal('/dev/full', 0, new Date())).toThrow('the dispatch journal /dev/full could not be written (ENOSPC), so no further round is sent');
  });
});
