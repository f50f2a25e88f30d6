import { afterAll, describe, expect, test } from '@jest/globals';
import type { ConnectionMode } from '../../../experiments/schema/index.js';
import {
  createAgentPool,
  createRunClock,
  type DispatchContext,
  dispatchBurst,
  type HostResolver,
  type ProbeOutcome,
  type ProbeRequest,
} from '../../../runner/dispatch/index.js';
import { startScriptServer } from './script-server.js';
import { TLS_CERT, TLS_KEY } from './tls-fixture.js';

const clock = createRunClock();
const agents = createAgentPool({ ca: TLS_CERT });
const resolver: HostResolver = async () => [{ address: '127.0.0.1', family: 4 }];
const context: DispatchContext = { clock, agents, resolver };
afterAll(() => agents.destroy());

const requests = (url: string, connection: ConnectionMode, size: number): ProbeRequest[] =>
  Array.from({ length: size }, () => ({ url, token: 'tok-0123456789abcdef', payload: null, connection, timeoutMs: 5000 }));

function expectHandshakeInOrder(o: ProbeOutcome) {
  const order = [o.dispatchedMs, o.connectedMs, o.secureConnectedMs, o.sentMs, o.firstByteMs, o.endMs] as number[];
  expect(order.every((t) => typeof t === 'number')).toBe(true);
  for (let i = 1; i < order.length; i++) expect(order[i] as number).toBeGreaterThanOrEqual(order[i - 1] as number);
  expect(o.tlsMs).toBe((o.secureConnectedMs as number) - (o.connectedMs as number));
}

describe('HTTPS', () => {
  test('fresh: every request pays a full handshake, none resumes a TLS session; SNI is the hostname', async () => {
    const server = await startScriptServer(() => ({ kind: 'reply' }), { key: TLS_KEY, cert: TLS_CERT });
    try {
      const url = `https://faasbench.test:${server.port}/fn`;
      const first = await dispatchBurst(requests(url, 'fresh', 1), context);
      const second = await dispatchBurst(requests(url, 'fresh', 2), context);
      for (const o of [...first.outcomes, ...second.outcomes]) {
        expect(o).toMatchObject({ status: 200, errorCode: null, reusedConnection: false });
        expect(o.dnsMs).not.toBeNull();
        expectHandshakeInOrder(o);
      }
      expect(server.connections()).toBe(3);
      expect(server.handshakes).toEqual(Array(3).fill({ resumed: false, servername: 'faasbench.test' }));
    } finally {
      await server.close();
    }
  });

  test('an IP literal verifies against the certificate\'s IP entry, without SNI or DNS', async () => {
    const server = await startScriptServer(() => ({ kind: 'reply' }), { key: TLS_KEY, cert: TLS_CERT });
    try {
      const { outcomes } = await dispatchBurst(requests(server.url, 'fresh', 1), context);
      expect(outcomes[0]).toMatchObject({ status: 200, errorCode: null, dnsMs: null });
      expect(server.handshakes).toEqual([{ resumed: false, servername: false }]);
      expectHandshakeInOrder(outcomes[0] as ProbeOutcome);
    } finally {
      await server.close();
    }
  });

  test('keep-alive: the second burst rides the first burst\'s TLS connections, with no handshake reported', async () => {
    const server = await startScriptServer(() => ({ kind: 'reply' }), { key: TLS_KEY, cert: TLS_CERT });
    const pool = createAgentPool({ ca: TLS_CERT });
    try {
      const url = `https://faasbench.test:${server.port}/fn`;
      await dispatchBurst(requests(url, 'keep-alive', 2), { ...context, agents: pool });
      await new Promise((resolve) => setImmediate(resolve));
      const { outcomes } = await dispatchBurst(requests(url, 'keep-alive', 2), { ...context, agents: pool });
      expect(server.connections()).toBe(2);
      for (const o of outcomes) {
        expect(o).toMatchObject({ status: 200, reusedConnection: true, connectedMs: null, secureConnectedMs: null, tcpMs: null, tlsMs: null, dnsMs: null });
      }
    } finally {
      pool.destroy();
      await server.close();
    }
  });

  test('a certificate the client does not trust is a TLS error outcome', async () => {
    const server = await startScriptServer(() => ({ kind: 'reply' }), { key: TLS_KEY, cert: TLS_CERT });
    const untrusting = createAgentPool();
    try {
      const { outcomes } = await dispatchBurst(requests(server.url, 'fresh', 1), { clock, agents: untrusting });
      expect(outcomes[0]?.errorCode).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
      expect(outcomes[0]?.status).toBeNull();
    } finally {
      untrusting.destroy();
      await server.close();
    }
  });
});
