import { describe, expect, test } from '@jest/globals';
import { HEARTBEAT_STALE_MS, type RunStatusDocument, runLiveness } from '../../../runner/results/run-status.js';

const NOW = Date.parse('2026-11-23T14:10:00Z');
const beat = (overrides: Partial<RunStatusDocument> = {}): RunStatusDocument => ({
  formatVersion: 1, runId: 'r', phase: 'running', status: 'running', pid: 4242, host: 'here', segment: 0,
  heartbeatAt: new Date(NOW - 1500).toISOString(), heartbeatEveryMs: 2000, done: { bursts: 1, requests: 2, errors: 0 }, planned: { bursts: 9, requests: 18 },
  ...overrides,
});
const facts = (statusFile: RunStatusDocument | null, alive: boolean, resolvedStatus: RunStatusDocument['status'] | null = 'running', resolvedWrittenAtMs: number | null = null) => ({
  resolvedStatus, statusFile, resolvedWrittenAtMs, nowMs: NOW, host: 'here', isPidAlive: () => alive,
});

describe('running or killed', () => {
  test('a fresh heartbeat from a live pid is running', () => {
    expect(runLiveness(facts(beat(), true))).toEqual({ state: 'running', phase: 'running', pid: 4242, host: 'here', heartbeatAgeMs: 1500 });
  });

  test('the pid is gone: killed, whatever the heartbeat says', () => {
    expect(runLiveness(facts(beat(), false))).toMatchObject({ state: 'killed', why: expect.stringContaining('its runner (pid 4242) is gone'), lastSignOfLifeMs: NOW - 1500 });
  });

  test('a stale heartbeat: killed (a reused pid or a frozen runner will not finish it)', () => {
    const stale = beat({ heartbeatAt: new Date(NOW - HEARTBEAT_STALE_MS - 1).toISOString() });
    expect(runLiveness(facts(stale, true))).toMatchObject({ state: 'killed', why: expect.stringContaining('has not been heard of since') });
  });

  test('on another host only the heartbeat can tell', () => {
    expect(runLiveness(facts(beat({ host: 'elsewhere' }), false)).state).toBe('running');
  });

  test('a run still being finished counts as running; an exited runner leaves the recorded status', () => {
    expect(runLiveness(facts(beat({ phase: 'finishing', status: 'completed' }), true, 'completed'))).toMatchObject({ state: 'running', phase: 'finishing' });
    expect(runLiveness(facts(beat({ phase: 'exited', status: 'interrupted' }), false, 'interrupted'))).toEqual({ state: 'ended', status: 'interrupted' });
  });

  test('no status.json: `running` is killed unless experiment.resolved.json was written moments ago', () => {
    expect(runLiveness(facts(null, false, 'running', NOW - 60_000))).toMatchObject({ state: 'killed', lastSignOfLifeMs: NOW - 60_000 });
    expect(runLiveness(facts(null, false, 'running', NOW - 1000)).state).toBe('running');
    expect(runLiveness(facts(null, false, 'failed', NOW - 60_000))).toEqual({ state: 'ended', status: 'failed' });
  });
});

describe('a runner gone after the end was recorded', () => {
  test('was cut off while writing the report: the run ended as recorded', () => {
    expect(runLiveness(facts(beat({ phase: 'finishing', status: 'completed' }), false, 'completed'))).toEqual({ state: 'ended', status: 'completed' });
  });
});
