import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createRunLog } from '../../../runner/sinks/run-log.js';
import { calibrationLine, durationText } from '../../../runner/sinks/log-lines.js';
import { calibrationFixture, runInfoFixture, scriptedRun } from '../results/records.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-run-log-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const { run } = runInfoFixture();

async function logRun(name: string, tty: boolean, status: 'completed' | 'interrupted' = 'completed'): Promise<{ json: Record<string, unknown>[]; console: string }> {
  const filePath = path.join(dir, name);
  const consoleStream = new PassThrough();
  const chunks: string[] = [];
  consoleStream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const log = createRunLog({ filePath, console: consoleStream, tty });
  for (const event of scriptedRun(run, status)) log.listener(event);
  log.logger.warn('stack outputs are 3 days old');
  await log.close();
  const text = await readFile(filePath, 'utf8');
  return { json: text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>), console: chunks.join('') };
}

describe('run.log', () => {
  test('one JSON line per event worth keeping, none per request', async () => {
    const { json } = await logRun('run.log', false);
    expect(json.map((line) => line['event'] ?? line['message'])).toEqual([
      'run-start',
      'calibration',
      'burst-end',
      'burst-end',
      'burst-end',
      'sub-experiment-end',
      'calibration',
      'burst-end',
      'burst-end',
      'burst-end',
      'sub-experiment-end',
      'run-end',
      'stack outputs are 3 days old',
    ]);
    expect(json.every((line) => typeof line['timestamp'] === 'string' && typeof line['level'] === 'string')).toBe(true);
    // Event lines (written directly) and logger lines (through winston) share one layout.
    expect(json.every((line) => Object.keys(line).slice(0, 3).join() === 'timestamp,level,message')).toBe(true);
  });

  test('a logger line between events keeps its place', async () => {
    const filePath = path.join(dir, 'interleaved.log');
    const log = createRunLog({ filePath, console: null, tty: false });
    const events = scriptedRun(run);
    for (const [i, event] of events.entries()) {
      log.listener(event);
      if (i === 0) log.logger.warn('between run-start and the rest');
    }
    await log.close();
    const lines = (await readFile(filePath, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.slice(0, 2).map((line) => line['event'] ?? line['message'])).toEqual(['run-start', 'between run-start and the rest']);
  });

  test('run-start carries seed, tool version and endpoint count; run-end the status and totals', async () => {
    const { json } = await logRun('fields.log', false, 'interrupted');
    expect(json[0]).toMatchObject({
      event: 'run-start',
      level: 'info',
      runId: run.runId,
      seed: 1,
      seedGenerated: false,
      toolVersion: '0.1.0',
      endpointCount: 3,
      plannedRequests: 6,
      startedAt: '2026-11-23T14:05:12.250Z',
    });
    expect(json[10]).toMatchObject({ event: 'sub-experiment-end', subExperiment: 'cold', requests: 3, errors: 1, errorCounts: { TIMEOUT: 1 }, cold: 1, warm: 1 });
    expect(json[11]).toMatchObject({
      event: 'run-end',
      level: 'warn',
      status: 'interrupted',
      reason: 'SIGINT received',
      requests: 6,
      errors: 1,
      bursts: 6,
      message: `run ${run.runId} interrupted: SIGINT received after 32 ms; 6 requests, 1 error (TIMEOUT 1)`,
    });
    expect(json[2]).toMatchObject({ event: 'burst-end', subExperiment: 'warm', burstId: 0, ok: 1, cold: 1, medianLatencyMs: 250.5 });
  });

  test('console without a terminal: short lines, one per burst', async () => {
    const lines = (await logRun('console.log', false)).console.trimEnd().split('\n');
    expect(lines).toHaveLength(13);
    expect(lines[0]).toBe(
      `faasbench 0.1.0: run ${run.runId} of "fixture" on aws (2 sub-experiments, 3 endpoints from stack): 6 requests in 6 bursts over 30 ms, seed 1`,
    );
    expect(lines[2]).toBe('warm burst 0 (round 0, 1 to endpoint 0): 1 ok, 0 errors, cold 1, warm 0, median 250.5 ms, max 250.5 ms');
    expect(lines[10]).toBe('cold done: 3 requests in 3 bursts, 1 error (TIMEOUT 1), cold 1, warm 1');
    expect(lines[12]).toBe('warn: stack outputs are 3 days old');
  });

  test('console on a terminal: no burst lines (the progress line covers them), each line clears it first', async () => {
    const lines = (await logRun('tty.log', true)).console.trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    expect(lines.every((line) => line.startsWith('\r\x1b[K'))).toBe(true);
    expect(lines.some((line) => line.includes('burst 0'))).toBe(false);
  });

  test('no URL reaches the log', async () => {
    const { json, console } = await logRun('urls.log', false);
    expect(JSON.stringify(json)).not.toContain('example.invalid');
    expect(console).not.toContain('example.invalid');
  });

  test('close() is idempotent', async () => {
    const log = createRunLog({ filePath: path.join(dir, 'twice.log'), console: null, tty: false });
    log.logger.info('only line');
    await Promise.all([log.close(), log.close()]);
    expect(JSON.parse(await readFile(path.join(dir, 'twice.log'), 'utf8'))).toMatchObject({ message: 'only line' });
  });

  test('a log file that cannot be written is reported by close(), not thrown at the engine', async () => {
    const log = createRunLog({ filePath: path.join(dir, 'no', 'such', 'run.log'), console: null, tty: false });
    for (const event of scriptedRun(run)) log.listener(event);
    await expect(log.close()).rejects.toMatchObject({ name: 'UserError', message: expect.stringMatching(/could not be written: ENOENT\.$/) });
  });
});

describe('durations in log lines', () => {
  test.each([
    [850, '850 ms'],
    [12_340, '12.3 s'],
    [245_000, '4 min 05 s'],
    [7_380_000, '2 h 03 min'],
  ])('%p ms → %p', (ms, text) => {
    expect(durationText(ms)).toBe(text);
  });
});

describe('calibration lines', () => {
  test('what each desired service time became', () => {
    const calibration = calibrationFixture({
      points: [
        { desiredServiceTimeMs: 0, spinIncrements: 0, achievedServiceTimeMs: 0.01 },
        { desiredServiceTimeMs: 100, spinIncrements: 150_000, achievedServiceTimeMs: 101.04 },
      ],
    });
    expect(calibrationLine(calibration)).toBe('warm: calibrated with 3 requests, 1500.0 increments/ms; 0 ms → 0 (achieved 0.0 ms), 100 ms → 150000 (achieved 101.0 ms)');
  });

  test('a failed calibration is a warning that says what will happen instead', async () => {
    const calibration = calibrationFixture({ incrementsPerMs: null, points: [], problem: 'the function did not report spinIncrements' });
    expect(calibrationLine(calibration)).toBe('warm: calibration failed, no busy-spin will be sent: the function did not report spinIncrements');
    const filePath = path.join(dir, 'calibration.log');
    const log = createRunLog({ filePath, console: null, tty: false });
    log.listener({ type: 'calibration', calibration });
    await log.close();
    expect(JSON.parse(await readFile(filePath, 'utf8'))).toMatchObject({ level: 'warn', event: 'calibration', problem: calibration.problem });
  });
});
