import { afterAll, describe, expect, test } from '@jest/globals';
import type { Agent } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionMode } from '../../../experiments/schema/index.js';
import {
  type AgentPool,
  createAgentPool,
  createRunClock,
  type DispatchContext,
  dispatchBurst,
  prepareBurst,
  type ProbeOutcome,
  type ProbeRequest,
  TIMEOUT,
  toRequestRecord,
} from '../../../runner/dispatch/index.js';
import type { PlannedBurst } from '../../../runner/schedule/index.js';
import { type Behaviour, startScriptServer } from './script-server.js';
import { TLS_CERT, TLS_KEY } from './tls-fixture.js';

const clock = createRunClock();
const pools: AgentPool[] = [];
afterAll(() => {
  for (const pool of pools) pool.destroy();
});

const request = (url: string, connection: ConnectionMode, overrides: Partial<ProbeRequest> = {}): ProbeRequest => ({
  url,
  token: 'tok-0123456789abcdef',
  payload: null,
  connection,
  timeoutMs: 5000,
  ...overrides,
});

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An agent pool whose sockets tell the test when their first (decrypted) data arrives, through a
 * listener of their own added at creation: the server holds back the rest of a split head until
 * the client has really read the status line, so the order asserted below never depends on timing.
 */
function observedPool(ca?: string): { pool: AgentPool; sawData: () => number } {
  const base = createAgentPool(ca === undefined ? {} : { ca });
  pools.push(base);
  let reads = 0;
  const patched = new Set<Agent>();
  const pool: AgentPool = {
    agentFor(url, mode) {
      const agent = base.agentFor(url, mode);
      if (!patched.has(agent)) {
        patched.add(agent);
        const create = (agent as unknown as { createConnection: (...args: unknown[]) => Socket }).createConnection.bind(agent);
        (agent as unknown as { createConnection: (...args: unknown[]) => Socket }).createConnection = (...args: unknown[]) => {
          const socket = create(...args);
          socket.on('data', () => {
            reads += 1;
          });
          return socket;
        };
      }
      return agent;
    },
    destroy: () => base.destroy(),
  };
  return { pool, sawData: () => reads };
}

/** A split head: the status line at once; the rest 50 ms later and not before the client has read the status line. */
function splitHead(sawData: () => number, times: { statusLineMs?: number; restMs?: number }): Behaviour {
  let readsBefore = 0;
  return {
    kind: 'split-head',
    writing: (part) => {
      if (part === 'status-line') {
        readsBefore = sawData();
        times.statusLineMs = clock.nowMs();
      } else {
        times.restMs = clock.nowMs();
      }
    },
    rest: async () => {
      await sleep(50);
      await until(() => sawData() > readsBefore);
    },
  };
}

describe('first byte is the first data on the socket, not the parsed head', () => {
  test.each([
    ['HTTP', undefined],
    ['HTTPS (first decrypted byte)', { key: TLS_KEY, cert: TLS_CERT }],
  ])('%s: a head split 50 ms apart gives the first part\'s time', async (_name, tls) => {
    const { pool, sawData } = observedPool(tls === undefined ? undefined : TLS_CERT);
    const times: { statusLineMs?: number; restMs?: number } = {};
    const server = await startScriptServer(() => splitHead(sawData, times), tls);
    try {
      const { outcomes } = await dispatchBurst([request(server.url, 'fresh')], { clock, agents: pool });
      const o = outcomes[0] as ProbeOutcome;
      expect(o).toMatchObject({ status: 200, errorCode: null });
      const firstByteMs = o.firstByteMs as number;
      // Read after the status line went out, and before the rest of the head was even written.
      expect(firstByteMs).toBeGreaterThanOrEqual(times.statusLineMs as number);
      expect(firstByteMs).toBeLessThan(times.restMs as number);
      expect(o.endMs).toBeGreaterThanOrEqual(times.restMs as number);
      expect(firstByteMs).toBeGreaterThanOrEqual(o.sentMs as number);
    } finally {
      await server.close();
    }
  });

  test('on a reused keep-alive socket it is the first data after this request, not the previous answer', async () => {
    const { pool, sawData } = observedPool();
    const times: { statusLineMs?: number; restMs?: number } = {};
    const server = await startScriptServer((_seen, n) => (n === 0 ? { kind: 'reply' } : splitHead(sawData, times)));
    const context: DispatchContext = { clock, agents: pool };
    try {
      const first = (await dispatchBurst([request(server.url, 'keep-alive')], context)).outcomes[0] as ProbeOutcome;
      await new Promise((resolve) => setImmediate(resolve));
      const second = (await dispatchBurst([request(server.url, 'keep-alive')], context)).outcomes[0] as ProbeOutcome;
      expect(server.connections()).toBe(1);
      expect([first.reusedConnection, second.reusedConnection]).toEqual([false, true]);
      expect(second.status).toBe(200);
      expect(second.firstByteMs as number).toBeGreaterThan(first.endMs);
      expect(second.firstByteMs as number).toBeGreaterThanOrEqual(times.statusLineMs as number);
      expect(second.firstByteMs as number).toBeLessThan(times.restMs as number);
    } finally {
      await server.close();
    }
  });
});

describe('timeouts are judged on the run clock', () => {
  test('no TIMEOUT row ends before dispatched + timeout, though Node\'s timers count whole milliseconds', async () => {
    const agents = createAgentPool();
    pools.push(agents);
    const server = await startScriptServer(() => ({ kind: 'hang' }));
    try {
      const context: DispatchContext = { clock, agents };
      const sent: { timeoutMs: number; outcome: Promise<ProbeOutcome> }[] = [];
      // Many separate requests, each started at another fraction of a millisecond: a timer that
      // counts from the last whole millisecond fires up to 1 ms early for some of them.
      for (let i = 0; i < 300; i++) {
        const timeoutMs = 5 + (i % 31);
        const burst = await prepareBurst([request(server.url, 'fresh', { timeoutMs })], context);
        await new Promise((resolve) => setImmediate(resolve));
        const busyUntil = clock.nowMs() + ((i * 0.37) % 1);
        while (clock.nowMs() < busyUntil);
        sent.push({ timeoutMs, outcome: burst.fire()[0] as Promise<ProbeOutcome> });
      }
      const planned: PlannedBurst = { subExperimentIndex: 0, burstId: 0, round: 0, endpointIndex: 0, size: 1, desiredServiceTimeMs: 0, offsetMs: 0 };
      const rows = await Promise.all(
        sent.map(async ({ outcome }) =>
          toRequestRecord(planned, await outcome, { index: 0, url: server.url }, {
            subExperiment: 'timeouts', subExperimentIndex: 0, indexInBurst: 0, scheduledMs: 0, spinIncrementsRequested: 0, coldThresholdMs: null, preinitThresholdMs: 10_000,
          }),
        ),
      );
      const early = rows.flatMap((row, i) => {
        const timeoutMs = (sent[i] as { timeoutMs: number }).timeoutMs;
        return row.errorCode === TIMEOUT && row.endMs - row.dispatchedMs >= timeoutMs && row.latencyMs >= timeoutMs ? [] : [{ i, timeoutMs, row }];
      });
      expect(early).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
