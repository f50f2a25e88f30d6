import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ResolvedExperiment } from '../../../experiments/schema/index.js';
import type { StackOutputs } from '../../../infra/outputs.js';
import { openDispatchJournal } from '../../../runner/bench/dispatch-journal.js';
import { experimentHash } from '../../../runner/bench/experiment-hash.js';
import { prepareResume } from '../../../runner/bench/prepare-resume.js';
import { parseBenchArgs } from '../../../runner/cli/args.js';
import type { SelectDeps } from '../../../runner/cli/select-runs.js';
import { writeResolvedExperiment } from '../../../runner/results/resolved-file.js';
import { STATUS_FILE_NAME } from '../../../runner/results/run-status.js';
import { createLatencyCsvWriter } from '../../../runner/sinks/latency-csv.js';
import { experimentFixture, outputsFixture } from '../fixtures.js';
import { calibrationFixture, recordFixture, runInfoFixture } from '../results/records.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-prepare-resume-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const { run, token } = runInfoFixture();
const outputs = outputsFixture(run.experiment);

/** A run folder as a runner killed after two rows leaves it: resolved (running), journal, CSV. */
async function killedRun(overrides: { status?: 'running' | 'completed' | 'interrupted'; journal?: boolean } = {}): Promise<string> {
  const dir = await mkdtemp(path.join(root, 'run-'));
  const info = { ...run, experimentHash: experimentHash(run.experiment), endpointLocator: 'saved/outputs.json', endpointSource: 'outputs-file' as const };
  await writeResolvedExperiment(dir, { run: info, status: overrides.status ?? 'running', reason: null, endMs: null, calibrations: [calibrationFixture()], done: { bursts: 1, requests: 2, errors: 0 } });
  if (overrides.journal !== false) {
    const journal = openDispatchJournal(path.join(dir, 'dispatch-journal.jsonl'), 0, new Date());
    journal.subStarted(0, 0);
    journal.close();
  }
  // The heartbeat of a runner that is gone (no such pid).
  await writeFile(
    path.join(dir, STATUS_FILE_NAME),
    JSON.stringify({ formatVersion: 1, runId: run.runId, phase: 'running', status: 'running', pid: 99_999_999, host: os.hostname(), segment: 0, heartbeatAt: new Date().toISOString(), heartbeatEveryMs: 2000, done: {}, planned: {} }),
  );
  const csv = createLatencyCsvWriter(path.join(dir, 'latencies.csv'));
  csv.listener({ type: 'request', record: recordFixture({ burstId: 0, indexInBurst: 0, subExperimentIndex: 0 }) });
  csv.listener({ type: 'request', record: recordFixture({ burstId: 1, indexInBurst: 0, subExperimentIndex: 0, ok: false, errorCode: 'TIMEOUT' }) });
  await csv.close();
  return dir;
}

function deps(experiment: ResolvedExperiment, stackOutputs: StackOutputs = outputs): SelectDeps & { outputsRead: string[] } {
  const outputsRead: string[] = [];
  return {
    outputsRead,
    loadExperiment: async () => experiment,
    readOutputsFile: async (file) => {
      outputsRead.push(file);
      return stackOutputs;
    },
    readPulumiStack: async () => ({ found: false, why: 'no stack here' }),
  };
}

const args = parseBenchArgs([]);

describe('what a resume checks before it sends anything', () => {
  test('a killed run: its rows, calibrations and endpoints, read from where they came', async () => {
    const dir = await killedRun();
    const d = deps(run.experiment);
    const prepared = await prepareResume(dir, args, d);
    expect(d.outputsRead).toEqual(['saved/outputs.json']);
    expect(prepared.stopped.after).toBe('killed');
    expect(prepared.done).toEqual({ bursts: 2, requests: 2, errors: 1 });
    expect([...prepared.rows.keys()]).toEqual(['0/0', '0/1']);
    expect(prepared.endpoints).toMatchObject({ kind: 'deployed', token, sourceName: 'outputs file saved/outputs.json' });
    expect(prepared.calibrations).toEqual([calibrationFixture()]);
    // --outputs given again wins over the recorded file.
    const again = deps(run.experiment);
    await prepareResume(dir, parseBenchArgs(['--resume', dir, '--outputs', 'moved/outputs.json']), again);
    expect(again.outputsRead).toEqual(['moved/outputs.json']);
  });

  test('a changed experiment file is refused', async () => {
    const dir = await killedRun();
    const changed = experimentFixture('experiments/fixture.json', { description: 'edited since' });
    await expect(prepareResume(dir, args, deps(changed))).rejects.toThrow(
      `Cannot resume ${dir}: its experiment file experiments/fixture.json changed since the run started (its resolved content differs).`,
    );
  });

  test('endpoints that are not the ones measured are refused', async () => {
    const dir = await killedRun();
    const redeployed = outputsFixture(run.experiment, 'https://elsewhere.invalid');
    await expect(prepareResume(dir, args, deps(run.experiment, redeployed))).rejects.toThrow(
      `Cannot resume ${dir}: the endpoints in outputs file saved/outputs.json are not the ones the run measured`,
    );
  });

  test('a completed run, a run still going, a run without journal are refused', async () => {
    await expect(prepareResume(await killedRun({ status: 'completed' }), args, deps(run.experiment))).rejects.toThrow('it completed: every planned request has its row.');
    const going = await killedRun();
    await writeFile(
      path.join(going, STATUS_FILE_NAME),
      JSON.stringify({ formatVersion: 1, runId: run.runId, phase: 'running', status: 'running', pid: process.pid, host: os.hostname(), segment: 0, heartbeatAt: new Date().toISOString(), heartbeatEveryMs: 2000, done: {}, planned: {} }),
    );
    await expect(prepareResume(going, args, deps(run.experiment))).rejects.toThrow(`it is still running (pid ${process.pid} on ${os.hostname()}`);
    await expect(prepareResume(await killedRun({ journal: false }), args, deps(run.experiment))).rejects.toThrow('it has no dispatch-journal.jsonl');
    await expect(prepareResume(path.join(root, 'nothing-here'), args, deps(run.experiment))).rejects.toThrow('there is no such folder.');
  });
});
