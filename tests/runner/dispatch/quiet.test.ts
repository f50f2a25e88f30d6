import { afterEach, describe, expect, jest, test } from '@jest/globals';
import { holdQuiet, MAX_HOLD_MS, QUIET_LEAD_MS, whenQuiet } from '../../../runner/dispatch/index.js';
import { quietBacklog } from '../../../runner/dispatch/quiet.js';

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('whenQuiet on the fake clock', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  test('with nothing due, tasks run on the next turn, in order', () => {
    jest.useFakeTimers();
    const ran: number[] = [];
    for (let i = 0; i < 5; i++) whenQuiet(() => ran.push(i));
    expect(ran).toEqual([]);
    jest.advanceTimersByTime(0);
    expect(ran).toEqual([0, 1, 2, 3, 4]);
  });

  test('a task queued within QUIET_LEAD_MS of a due dispatch waits until that dispatch is over', () => {
    jest.useFakeTimers();
    const ran: string[] = [];
    const release = holdQuiet(QUIET_LEAD_MS - 1);
    whenQuiet(() => ran.push('held'));
    jest.advanceTimersByTime(QUIET_LEAD_MS - 2);
    expect(ran).toEqual([]);
    expect(quietBacklog()).toBe(1);
    release();
    jest.advanceTimersByTime(0);
    expect(ran).toEqual(['held']);
  });

  test('a dispatch further away than QUIET_LEAD_MS holds nothing', () => {
    jest.useFakeTimers();
    const ran: string[] = [];
    const release = holdQuiet(QUIET_LEAD_MS + 10);
    whenQuiet(() => ran.push('free'));
    jest.advanceTimersByTime(0);
    expect(ran).toEqual(['free']);
    release();
  });

  test('a deadline that never ends holds no task longer than MAX_HOLD_MS', () => {
    jest.useFakeTimers();
    const ran: string[] = [];
    // Deadlines so dense the schedule is never quiet: a new one each millisecond, the old released.
    let release = holdQuiet(1);
    whenQuiet(() => ran.push('late'));
    for (let ms = 0; ms < MAX_HOLD_MS - 1; ms++) {
      jest.advanceTimersByTime(1);
      const previous = release;
      release = holdQuiet(1);
      previous();
      jest.advanceTimersByTime(0);
    }
    expect(ran).toEqual([]);
    jest.advanceTimersByTime(2);
    const previous = release;
    release = holdQuiet(1);
    previous();
    jest.advanceTimersByTime(0);
    expect(ran).toEqual(['late']);
    release();
    jest.advanceTimersByTime(0);
  });
});

describe('whenQuiet on the real clock', () => {
  test('a turn runs about TURN_BUDGET_MS of work, then lets the event loop in', async () => {
    const ran: number[] = [];
    for (let i = 0; i < 20; i++) {
      whenQuiet(() => {
        const until = performance.now() + 0.4;
        while (performance.now() < until);
        ran.push(i);
      });
    }
    await turn();
    // However slow the machine, a budget of 1 ms cannot fit 20 tasks of 0.4 ms.
    expect(ran.length).toBeGreaterThanOrEqual(1);
    expect(ran.length).toBeLessThan(20);
    while (ran.length < 20) await turn();
    expect(ran).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  test('a task that throws does not stop the next', async () => {
    const ran: string[] = [];
    const errors: unknown[] = [];
    const original = globalThis.queueMicrotask;
    globalThis.queueMicrotask = (callback) => {
      try {
        callback();
      } catch (error) {
        errors.push(error);
      }
    };
    try {
      whenQuiet(() => {
        throw new Error('sink bug');
      });
      whenQuiet(() => ran.push('after'));
      await turn();
    } finally {
      globalThis.queueMicrotask = original;
    }
    expect(ran).toEqual(['after']);
    expect(errors).toEqual([new Error('sink bug')]);
  });
});
