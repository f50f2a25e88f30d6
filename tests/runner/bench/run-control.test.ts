import { describe, expect, test } from '@jest/globals';
import { createRunControl } from '../../../runner/bench/run-control.js';

describe('run control', () => {
  test('the soft signal stops scheduling only; the hard one also aborts', () => {
    const soft = new AbortController();
    const hard = new AbortController();
    const control = createRunControl({ signal: soft.signal, hardSignal: hard.signal });
    soft.abort(new Error('interrupted by SIGINT'));
    expect([control.stop.aborted, control.abort.aborted]).toEqual([true, false]);
    hard.abort(new Error('interrupted by SIGINT'));
    expect([control.stop.aborted, control.abort.aborted, control.failure]).toEqual([true, true, null]);
  });

  test('a hard signal alone stops too', () => {
    const hard = new AbortController();
    const control = createRunControl({ signal: new AbortController().signal, hardSignal: hard.signal });
    hard.abort();
    expect([control.stop.aborted, control.abort.aborted]).toEqual([true, true]);
  });

  test('without a hard signal the one signal does both (an in-process caller)', () => {
    const soft = new AbortController();
    const control = createRunControl({ signal: soft.signal });
    soft.abort();
    expect([control.stop.aborted, control.abort.aborted]).toEqual([true, true]);
  });

  test('a failure stops and aborts; the first reason is kept', () => {
    const control = createRunControl({ signal: new AbortController().signal, hardSignal: new AbortController().signal });
    control.fail('the local platform process was killed by SIGKILL during the run');
    control.fail('latencies.csv could not be written');
    expect([control.stop.aborted, control.abort.aborted, control.failure]).toEqual([true, true, 'the local platform process was killed by SIGKILL during the run']);
    expect((control.stop.reason as Error).message).toBe('the local platform process was killed by SIGKILL during the run');
  });

  test('an already aborted signal counts', () => {
    const soft = new AbortController();
    soft.abort();
    expect(createRunControl({ signal: soft.signal, hardSignal: new AbortController().signal }).stop.aborted).toBe(true);
  });
});
