import { afterAll, describe, expect, test } from '@jest/globals';
import {
  createAgentPool,
  createRunClock,
  type DispatchContext,
  dispatchBurst,
  type HostResolver,
  measurementUrl,
  payloadOfSize,
  probe,
  type ProbeOutcome,
  type ProbeRequest,
} from '../../../runner/dispatch/index.js';
import { closedPort, contractBody, startScriptServer } from './script-server.js';

const TOKEN = 'tok-0123456789abcdef-secret';
const clock = createRunClock();
const agents = createAgentPool();
const context: DispatchContext = { clock, agents };
afterAll(() => agents.destroy());

const request = (url: string, overrides: Partial<ProbeRequest> = {}): ProbeRequest => ({
  url,
  token: TOKEN,
  payload: null,
  connection: 'fresh',
  timeoutMs: 2000,
  ...overrides,
});

/** The client's clock readings of one request are in the order the wire imposes. */
function expectOrdered(o: ProbeOutcome) {
  const order = [o.dispatchedMs, o.connectedMs, o.sentMs, o.firstByteMs, o.endMs];
  expect(order.every((t) => t !== null)).toBe(true);
  for (let i = 1; i < order.length; i++) expect(order[i] as number).toBeGreaterThanOrEqual(order[i - 1] as number);
}

describe('probe against a real server', () => {
  test('a success: status, body, every timestamp in wire order, phases of a new connection', async () => {
    const server = await startScriptServer(() => ({ kind: 'reply' }));
    try {
      const outcome = await probe(request(measurementUrl(server.url, 1234)), context);
      expect(outcome).toMatchObject({ status: 200, errorCode: null, errorMessage: null, reusedConnection: false, remoteAddress: '127.0.0.1' });
      expect(JSON.parse(outcome.body.toString())).toEqual(contractBody());
      expect(outcome.responseBytes).toBe(outcome.body.length);
      expectOrdered(outcome);
      expect(outcome.tcpMs).toBe((outcome.connectedMs as number) - outcome.dispatchedMs);
      // An IP literal needs no DNS; plain HTTP has no TLS.
      expect(outcome).toMatchObject({ dnsMs: null, tlsMs: null, secureConnectedMs: null });
      expect(server.seen[0]).toMatchObject({ method: 'GET', url: '/fn?spinIncrements=1234', bodyBytes: 0 });
      expect(server.seen[0]?.headers['x-faasbench-token']).toBe(TOKEN);
    } finally {
      await server.close();
    }
  });

  test('a payload makes it a POST carrying exactly those bytes', async () => {
    const server = await startScriptServer(() => ({ kind: 'reply' }));
    try {
      const outcome = await probe(request(server.url, { payload: payloadOfSize(5000) }), context);
      expect(outcome.status).toBe(200);
      expect(server.seen[0]).toMatchObject({ method: 'POST', bodyBytes: 5000 });
      expect(server.seen[0]?.headers['content-length']).toBe('5000');
    } finally {
      await server.close();
    }
  });

  test('non-2xx answers are outcomes with their status and body, not errors of the transport', async () => {
    const server = await startScriptServer(() => ({ kind: 'reply', status: 500, body: { error: 'boom', message: 'exploded' } }));
    try {
      const outcome = await probe(request(server.url), context);
      expect(outcome).toMatchObject({ status: 500, errorCode: null });
      expect(JSON.parse(outcome.body.toString())).toEqual({ error: 'boom', message: 'exploded' });
    } finally {
      await server.close();
    }
  });
});

describe('failures become outcomes with a code, never rejections', () => {
  test('connection refused on a port that was just closed', async () => {
    const port = await closedPort();
    const outcome = await probe(request(`http://127.0.0.1:${port}/fn`), context);
    expect(outcome).toMatchObject({ errorCode: 'ECONNREFUSED', status: null, connectedMs: null, firstByteMs: null, tcpMs: null });
    expect(outcome.endMs).toBeGreaterThanOrEqual(outcome.dispatchedMs);
  });

  test('the server destroying the socket is a reset', async () => {
    const server = await startScriptServer(() => ({ kind: 'reset' }));
    try {
      const outcome = await probe(request(server.url), context);
      expect(outcome).toMatchObject({ errorCode: 'ECONNRESET', status: null });
      expect(outcome.connectedMs).not.toBeNull();
    } finally {
      await server.close();
    }
  });

  test('a server that never answers times out after requestTimeoutMs, and the request is destroyed', async () => {
    const server = await startScriptServer(() => ({ kind: 'hang' }));
    try {
      const outcome = await probe(request(server.url, { timeoutMs: 100 }), context);
      expect(outcome).toMatchObject({ errorCode: 'TIMEOUT', status: null, firstByteMs: null });
      expect(outcome.errorMessage).toContain('100 ms');
    } finally {
      await server.close();
    }
  });

  test('a body over 1 MiB is cut off as BODY_TOO_LARGE', async () => {
    const server = await startScriptServer(() => ({ kind: 'large', bytes: 2 * 1024 * 1024 }));
    try {
      const outcome = await probe(request(server.url), context);
      expect(outcome).toMatchObject({ errorCode: 'BODY_TOO_LARGE', status: 200 });
      expect(outcome.body.length).toBeLessThanOrEqual(1024 * 1024);
      expect(outcome.responseBytes).toBeGreaterThan(1024 * 1024);
    } finally {
      await server.close();
    }
  });

  test('an unparsable URL fails at dispatch', async () => {
    const outcome = await probe(request('not a url'), context);
    expect(outcome).toMatchObject({ errorCode: 'ERR_INVALID_URL', status: null });
  });
});

describe('DNS is resolved before the burst', () => {
  test('a hostname is resolved once per burst; requests rotate over its addresses and keep the Host header', async () => {
    const server = await startScriptServer(() => ({ kind: 'reply' }));
    const lookups: string[] = [];
    // 127.0.0.2 is loopback too, but nothing listens there: every other request is refused.
    const resolver: HostResolver = async (hostname) => {
      lookups.push(hostname);
      return [{ address: '127.0.0.1', family: 4 }, { address: '127.0.0.2', family: 4 }];
    };
    try {
      const url = `http://faasbench.test:${server.port}/fn`;
      const { outcomes } = await dispatchBurst([request(url), request(url), request(url), request(url)], { ...context, resolver });
      expect(lookups).toEqual(['faasbench.test']);
      expect(outcomes.map((o) => o.errorCode)).toEqual([null, 'ECONNREFUSED', null, 'ECONNREFUSED']);
      expect(outcomes[0]?.dnsMs).toBeGreaterThanOrEqual(0);
      expect(server.seen.map((s) => s.headers.host)).toEqual([`faasbench.test:${server.port}`, `faasbench.test:${server.port}`]);
    } finally {
      await server.close();
    }
  });

  test('a name that does not resolve fails every request of the burst with the resolver\'s code', async () => {
    const resolver: HostResolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.test'), { code: 'ENOTFOUND' });
    };
    const { outcomes } = await dispatchBurst([request('http://nowhere.test/fn'), request('http://nowhere.test/fn')], { ...context, resolver });
    expect(outcomes.map((o) => o.errorCode)).toEqual(['ENOTFOUND', 'ENOTFOUND']);
  });
});

describe('abort', () => {
  test('requests in flight when the signal fires end as ABORTED', async () => {
    const server = await startScriptServer(() => ({ kind: 'hang' }));
    try {
      const controller = new AbortController();
      const burst = dispatchBurst([request(server.url), request(server.url), request(server.url)], context, controller.signal);
      while (server.seen.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
      controller.abort();
      const { outcomes } = await burst;
      expect(outcomes.map((o) => o.errorCode)).toEqual(['ABORTED', 'ABORTED', 'ABORTED']);
      expect(outcomes.every((o) => o.sentMs !== null)).toBe(true);
    } finally {
      await server.close();
    }
  });

  test('a signal aborted before the burst fires aborts every request at once', async () => {
    const server = await startScriptServer(() => ({ kind: 'hang' }));
    try {
      const { outcomes } = await dispatchBurst([request(server.url)], context, AbortSignal.abort());
      expect(outcomes[0]?.errorCode).toBe('ABORTED');
    } finally {
      await server.close();
    }
  });
});

describe('the token', () => {
  test('appears in no outcome field, not even when the server echoes it', async () => {
    const server = await startScriptServer((seen) => ({
      kind: 'reply',
      status: 401,
      body: { error: 'unauthorized', message: `token ${String(seen.headers['x-faasbench-token'])} was ${String(seen.headers['x-faasbench-token'])}` },
    }));
    try {
      const outcome = await probe(request(server.url), context);
      expect(outcome.status).toBe(401);
      expect(outcome.body.toString()).not.toContain(TOKEN);
      expect(outcome.body.toString()).toContain('[redacted]');
      expect(JSON.stringify({ ...outcome, body: outcome.body.toString() })).not.toContain(TOKEN);
    } finally {
      await server.close();
    }
  });
});
