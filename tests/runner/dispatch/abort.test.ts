import { afterAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { getEventListeners } from 'node:events';
import {
  createAgentPool,
  createRunClock,
  type DispatchContext,
  prepareBurst,
  type ProbeOutcome,
  waitUntil,
} from '../../../runner/dispatch/index.js';
import { abortWatchers } from '../../../runner/dispatch/abort-hub.js';
import { startScriptServer } from './script-server.js';

const clock = createRunClock();
const agents = createAgentPool();
const context: DispatchContext = { clock, agents };
afterAll(() => agents.destroy());

describe('one abort listener per run signal', () => {
  test('60 bursts in flight and 20 waits on one signal: one listener, every request ABORTED', async () => {
    const server = await startScriptServer(() => ({ kind: 'hang' }));
    try {
      const controller = new AbortController();
      const { signal } = controller;
      const bursts: Promise<ProbeOutcome[]>[] = [];
      for (let b = 0; b < 60; b++) {
        const burst = await prepareBurst([{ url: server.url, token: 'tok-0123456789abcdef', payload: null, connection: 'fresh', timeoutMs: 30_000 }], context);
        bursts.push(Promise.all(burst.fire(signal)));
      }
      const waits = Array.from({ length: 20 }, () => waitUntil(clock, clock.nowMs() + 60_000, signal));
      while (server.seen.length < 60) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(getEventListeners(signal, 'abort')).toHaveLength(1);
      expect(abortWatchers(signal)).toBe(80);

      controller.abort();
      await Promise.all(waits);
      const outcomes = (await Promise.all(bursts)).flat();
      expect(outcomes).toHaveLength(60);
      expect(outcomes.every((o) => o.errorCode === 'ABORTED')).toBe(true);
      expect(abortWatchers(signal)).toBe(0);
    } finally {
      await server.close();
    }
  });

  test('no MaxListenersExceededWarning in a process with 60 bursts in flight', async () => {
    const script = new URL('./many-bursts-process.ts', import.meta.url).pathname;
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      execFile(process.execPath, ['--import', 'tsx', script], { timeout: 20_000 }, (error, out, err) => (error === null ? resolve({ stdout: out, stderr: err }) : reject(error)));
    });
    expect(JSON.parse(stdout)).toEqual(Array(60).fill('ABORTED'));
    expect(stderr).not.toContain('MaxListenersExceededWarning');
    expect(stderr).toBe('');
  });

  test('a burst that settles stops watching the signal', async () => {
    const server = await startScriptServer(() => ({ kind: 'reply' }));
    try {
      const { signal } = new AbortController();
      const burst = await prepareBurst([{ url: server.url, token: 'tok-0123456789abcdef', payload: null, connection: 'fresh', timeoutMs: 5000 }], context);
      const outcomes = burst.fire(signal);
      expect(abortWatchers(signal)).toBe(1);
      expect((await Promise.all(outcomes))[0]?.status).toBe(200);
      expect(abortWatchers(signal)).toBe(0);
      expect(getEventListeners(signal, 'abort')).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
