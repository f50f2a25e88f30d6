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
  test('bursts due every 100 ms all leave before any of them is answered', async () => {
    // The server answers nothing until it has seen all 24 requests (or, for a client that waits
    // for answers and so never sends them all, 2 s), so only an open loop sends every burst first.
    let allSeen: () => void = () => {};
    const released = new Promise<void>((resolve) => (allSeen = resolve));
    const fallback = setTimeout(() => allSeen(), 2000);
    const server = await startScriptServer((_seen, n) => {
      if (n === 23) allSeen();
      return { kind: 'held', until: released };
    });
    try {
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
      const outcomes = results.flat();
      expect(outcomes.every((o) => o.status === 200)).toBe(true);
      const lastDispatchMs = Math.max(...outcomes.map((o) => o.dispatchedMs));
      const firstAnswerMs = Math.min(...outcomes.map((o) => o.firstByteMs as number));
      expect(lastDispatchMs).toBeLessThan(firstAnswerMs);
      // Never early, and in schedule order.
      results.forEach((burst, k) => {
        for (const o of burst) expect(o.dispatchedMs).toBeGreaterThanOrEqual(dueTimes[k] as number);
      });
    } finally {
      clearTimeout(fallback);
      await server.close();
    }
  });
});
