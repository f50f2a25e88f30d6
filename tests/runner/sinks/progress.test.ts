import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import type { RunInfo } from '../../../runner/engine/events.js';
import { createProgress } from '../../../runner/sinks/progress.js';
import { compactDuration, etaMs, progressLine, scheduleOffsetMs } from '../../../runner/sinks/progress-line.js';
import { failedRecordFixture, recordFixture, runInfoFixture } from '../results/records.js';

describe('progress line arithmetic', () => {
  test.each([
    [0, '0s'],
    [59_400, '59s'],
    [59_600, '1m00s'],
    [65_000, '1m05s'],
    [7_380_000, '2h03m'],
    [-5, '0s'],
  ])('%p ms reads %p', (ms, text) => {
    expect(compactDuration(ms)).toBe(text);
  });

  test('before the first burst the schedule offset is the time since run-start', () => {
    expect(scheduleOffsetMs(5_000, 1_000, null)).toBe(4_000);
  });

  test('after a burst-start the offset follows that burst: calibration time does not count against the schedule', () => {
    expect(scheduleOffsetMs(6_100, 1_000, { scheduledMs: 10_000, atMs: 1_100 })).toBe(15_000);
  });

  test('ETA is the time until the last burst is due, never negative', () => {
    expect(etaMs(120_000, 15_000)).toBe(105_000);
    expect(etaMs(120_000, 130_000)).toBe(0);
  });

  test('the line', () => {
    const counts = { doneRequests: 412, plannedRequests: 1000, errors: 3, cold: 12, warm: 397 };
    expect(progressLine(counts, 65_000, 130_000, null)).toBe('412/1000 requests (41%) · 3 errors · cold 12 · warm 397 · 1m05s elapsed · ETA 2m10s');
    expect(progressLine({ ...counts, errors: 1 }, 65_000, 0, null)).toBe('412/1000 requests (41%) · 1 error · cold 12 · warm 397 · 1m05s elapsed · last burst sent');
    expect(progressLine(counts, 65_000, 130_000, 20)).toBe('412/1000 requests (');
  });
});

describe('progress on a terminal', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  /** Timer redraws wait for quiet in production; here they go at once. */
  const now = (redraw: () => void) => redraw();

  function terminal(isTTY: boolean): { stream: NodeJS.WriteStream; writes: string[] } {
    const writes: string[] = [];
    const stream = { isTTY, columns: 200, write: (text: string) => writes.push(text) > 0 } as unknown as NodeJS.WriteStream;
    return { stream, writes };
  }

  const run: RunInfo = { ...runInfoFixture().run, plannedRequests: 1000, plannedLastBurstMs: 120_000 };

  test('draws at run-start, throttles to 10 lines a second, clears at run-end', () => {
    let nowMs = 1_000;
    const { stream, writes } = terminal(true);
    const progress = createProgress(stream, () => nowMs, now);
    progress({ type: 'run-start', run });
    expect(writes).toEqual(['\r\x1b[K0/1000 requests (0%) · 0 errors · cold 0 · warm 0 · 0s elapsed · ETA 2m00s']);

    progress({ type: 'burst-start', subExperimentIndex: 0, burstId: 0, size: 1000, scheduledMs: 0 });
    for (let i = 0; i < 999; i += 1) {
      nowMs += 1;
      jest.advanceTimersByTime(1);
      progress({ type: 'request', record: i % 100 === 0 ? failedRecordFixture('TIMEOUT') : recordFixture() });
    }
    // One second of requests: the run-start line, one every 100 ms after it, and the last change drawn when its quiet period ends.
    expect(writes).toHaveLength(10);
    nowMs += 1;
    jest.advanceTimersByTime(1);
    expect(writes).toHaveLength(11);
    expect(writes.at(-1)).toBe('\r\x1b[K999/1000 requests (99%) · 10 errors · cold 0 · warm 989 · 1s elapsed · ETA 1m59s');

    progress({ type: 'run-end', status: 'completed', endMs: 2_000, reason: null });
    expect(writes.at(-1)).toBe('\r\x1b[K');
    jest.advanceTimersByTime(10_000);
    expect(writes).toHaveLength(12);
  });

  test('keeps elapsed and ETA moving during a long idle gap', () => {
    let nowMs = 0;
    const { stream, writes } = terminal(true);
    const progress = createProgress(stream, () => nowMs, now);
    progress({ type: 'run-start', run });
    nowMs = 60_000;
    jest.advanceTimersByTime(1_000);
    expect(writes.at(-1)).toContain('1m00s elapsed · ETA 1m00s');
    progress({ type: 'run-end', status: 'interrupted', endMs: 60_000, reason: 'SIGINT received' });
  });

  test('a redraw set off by a timer is handed to `defer` (whenQuiet in production)', () => {
    let nowMs = 0;
    const { stream, writes } = terminal(true);
    const deferred: (() => void)[] = [];
    const progress = createProgress(stream, () => nowMs, (redraw) => deferred.push(redraw));
    progress({ type: 'run-start', run });
    expect(writes).toHaveLength(1);
    nowMs = 1_000;
    jest.advanceTimersByTime(1_000);
    expect(writes).toHaveLength(1);
    expect(deferred).toHaveLength(1);
    deferred.splice(0).forEach((redraw) => redraw());
    expect(writes).toHaveLength(2);
    progress({ type: 'run-end', status: 'completed', endMs: 1_000, reason: null });
    // A redraw deferred past run-end draws nothing over the cleared line.
    nowMs = 2_000;
    deferred.splice(0).forEach((redraw) => redraw());
    expect(writes.at(-1)).toBe('\r\x1b[K');
  });

  test('not a terminal: writes nothing', () => {
    const { stream, writes } = terminal(false);
    const progress = createProgress(stream, () => 0);
    progress({ type: 'run-start', run });
    progress({ type: 'request', record: recordFixture() });
    progress({ type: 'run-end', status: 'completed', endMs: 1, reason: null });
    expect(writes).toEqual([]);
  });
});
