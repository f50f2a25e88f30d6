import { afterAll, describe, expect, test } from '@jest/globals';
import type { ConnectionMode } from '../../../experiments/schema/index.js';
import {
  createAgentPool,
  createRunClock,
  type DispatchContext,
  dispatchBurst,
  prepareBurst,
  type ProbeOutcome,
  type ProbeRequest,
  waitUntil,
} from '../../../runner/dispatch/index.js';
import { startScriptServer } from './script-server.js';

const clock = createRunClock();
const agents = createAgentPool();
const context: DispatchContext = { clock, agents };
afterAll(() => agents.destroy());

const burstOf = (size: number, url: string, connection: ConnectionMode): ProbeRequest[] =>
  Array.from({ length: size }, () => ({ url, token: 'tok-0123456789abcdef', payload: null, connection, timeoutMs: 5000 }));

/** Lets the agent take finished sockets back into its free list. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('connection modes (counted by the server)', () => {
  test('fresh: one TCP connection per request, burst after burst', async () => {
    const server = await startScriptServer(() => ({ kind: 'reply' }));
    try {
      const first = await dispatchBurst(burstOf(3, server.url, 'fresh'), context);
      await nextTurn();
      const second = await dispatchBurst(burstOf(3, server.url, 'fresh'), context);
      expect(server.connections()).toBe(6);
      expect([...first.outcomes, ...second.outcomes].every((o) => !o.reusedConnection && o.tcpMs !== null)).toBe(true);
    } finally {
      await server.close();
    }
  });

  test('keep-alive: the second burst reuses the first burst\'s sockets and reports no handshake', async () => {
    const server = await startScriptServer(() => ({ kind: 'reply' }));
    const pool = createAgentPool();
    try {
      const first = await dispatchBurst(burstOf(3, server.url, 'keep-alive'), { clock, agents: pool });
      await nextTurn();
      const second = await dispatchBurst(burstOf(3, server.url, 'keep-alive'), { clock, agents: pool });
      expect(server.connections()).toBe(3);
      expect(first.outcomes.map((o) => o.reusedConnection)).toEqual([false, false, false]);
      expect(second.outcomes.map((o) => o.reusedConnection)).toEqual([true, true, true]);
      // Unlike got, no handshake times copied onto a reused socket.
      expect(second.outcomes.every((o) => o.tcpMs === null && o.connectedMs === null && o.dnsMs === null)).toBe(true);
      expect(second.outcomes.every((o) => o.status === 200 && o.remoteAddress === '127.0.0.1')).toBe(true);
    } finally {
      pool.destroy();
      await server.close();
    }
  });
});

describe('spreads', () => {
  test('dispatch and sent spreads are first-to-last of the outcomes\' own timestamps', async () => {
    const server = await startScriptServer(() => ({ kind: 'reply' }));
    try {
      const { outcomes, dispatchSpreadMs, sentSpreadMs } = await dispatchBurst(burstOf(20, server.url, 'fresh'), context);
      const dispatched = outcomes.map((o) => o.dispatchedMs);
      const sent = outcomes.map((o) => o.sentMs as number);
      expect(dispatchSpreadMs).toBe(Math.max(...dispatched) - Math.min(...dispatched));
      expect(sentSpreadMs).toBe(Math.max(...sent) - Math.min(...sent));
      // One tight loop: requests are dispatched in request order.
      expect([...dispatched].sort((a, b) => a - b)).toEqual(dispatched);
    } finally {
      await server.close();
    }
  });
});

describe('open loop', () => {
  test('bursts due every 100 ms leave on time although each response takes 350 ms', async () => {
    const server = await startScriptServer(() => ({ kind: 'reply', delayMs: 350 }));
    try {
      // One burst first, so the measured ones do not pay for compiling the path.
      await dispatchBurst(burstOf(4, server.url, 'fresh'), context);
      const startMs = clock.nowMs() + 50;
      const bursts: Promise<ProbeOutcome[]>[] = [];
      const dueTimes: number[] = [];
      for (let k = 0; k < 6; k++) {
        const dueMs = startMs + k * 100;
        await waitUntil(clock, dueMs - 30);
        const prepared = await prepareBurst(burstOf(4, server.url, 'fresh'), context);
        await waitUntil(clock, dueMs);
        dueTimes.push(dueMs);
        bursts.push(Promise.all(prepared.fire()));
      }
      const results = await Promise.all(bursts);
      // A loop that waited for answers would fall 250 ms further behind with every burst. The bounds
      // leave room for a busy CI machine (two jest workers on two cores) without letting that through.
      const lagsMs = results.map((outcomes, k) => {
        expect(outcomes.every((o) => o.status === 200)).toBe(true);
        return Math.max(...outcomes.map((o) => o.dispatchedMs)) - (dueTimes[k] as number);
      });
      for (const lagMs of lagsMs) {
        expect(lagMs).toBeGreaterThanOrEqual(0);
        expect(lagMs).toBeLessThan(60);
      }
      expect((lagsMs.at(-1) as number) - (lagsMs[0] as number)).toBeLessThan(50);
    } finally {
      await server.close();
    }
  });
});
