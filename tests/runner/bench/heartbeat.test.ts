import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startHeartbeat } from '../../../runner/bench/heartbeat.js';
import { STATUS_FILE_NAME } from '../../../runner/results/run-status.js';
import { recordFixture } from '../results/records.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-heartbeat-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const read = async (dir: string) => JSON.parse(await readFile(path.join(dir, STATUS_FILE_NAME), 'utf8')) as Record<string, unknown>;

/** The beats are timed: wait (without a deadline that a busy machine could miss) until one shows what is expected. */
async function readWhen(dir: string, check: (status: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  for (;;) {
    const status = await read(dir).catch(() => null);
    if (status !== null && check(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('status.json while a runner works on a run', () => {
  test('a beat at once, then every few ms here, with pid, host, progress; the last one says the runner is done', async () => {
    const dir = await mkdtemp(path.join(root, 'run-'));
    let clock = Date.parse('2026-11-23T14:05:12Z');
    const beat = startHeartbeat({ dir, runId: 'r1', segment: 1, planned: { bursts: 4, requests: 8 }, done: { bursts: 1, requests: 2, errors: 1 }, everyMs: 20, now: () => new Date(clock) });
    expect(await readWhen(dir, () => true)).toMatchObject({ runId: 'r1', phase: 'running', status: 'running', pid: process.pid, host: os.hostname(), segment: 1, heartbeatEveryMs: 20 });
    beat.listener({ type: 'request', record: recordFixture({ ok: false, errorCode: 'TIMEOUT' }) });
    beat.listener({ type: 'request', record: recordFixture() });
    clock += 60_000;
    // A later beat carries the new time and the counts.
    expect(await readWhen(dir, (s) => s['heartbeatAt'] === '2026-11-23T14:06:12.000Z')).toMatchObject({ done: { bursts: 1, requests: 4, errors: 2 }, planned: { bursts: 4, requests: 8 } });
    beat.finishing('interrupted');
    await beat.stop('interrupted');
    expect(await read(dir)).toMatchObject({ phase: 'exited', status: 'interrupted' });
    // Nothing writes after stop.
    const before = await readFile(path.join(dir, STATUS_FILE_NAME), 'utf8');
    clock += 60_000;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await readFile(path.join(dir, STATUS_FILE_NAME), 'utf8')).toBe(before);
  });
});
