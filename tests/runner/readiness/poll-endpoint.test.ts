import { afterEach, describe, expect, it } from '@jest/globals';
import { pollEndpoint, type ReadinessPolicy } from '../../../runner/readiness/index.js';
import { closedPort, contractBody, type ScriptServer, startScriptServer } from '../dispatch/script-server.js';

const TOKEN = 'readiness-token-0123456789';
const quick: ReadinessPolicy = { budgetMs: 3000, attemptTimeoutMs: 300, initialDelayMs: 20, factor: 2, maxDelayMs: 100 };
const servers: ScriptServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function server(script: Parameters<typeof startScriptServer>[0]) {
  const started = await startScriptServer(script);
  servers.push(started);
  return started;
}

describe('pollEndpoint against local servers', () => {
  it('waits through 503s and a placeholder page until the contract answers, with the token every time', async () => {
    const s = await server((_, n) =>
      n < 2 ? { kind: 'raw', status: 503, text: 'starting' } : n < 3 ? { kind: 'raw', status: 200, text: '<html>placeholder</html>' } : { kind: 'reply', body: contractBody() },
    );
    const failures: string[] = [];
    const result = await pollEndpoint(s.url, TOKEN, {
      policy: quick,
      random: () => 0,
      onFailedAttempt: ({ attempt, outcome, retryInMs }) => failures.push(`${attempt} ${outcome.kind} ${outcome.what} ${retryInMs}`),
    });
    expect(result).toMatchObject({ ready: true, attempts: 4 });
    expect(failures).toEqual([
      '1 not-ready HTTP 503 Service Unavailable 10',
      '2 not-ready HTTP 503 Service Unavailable 20',
      '3 not-ready HTTP 200 but the response body is not JSON 40',
    ]);
    expect(s.seen.map((r) => r.headers['x-faasbench-token'])).toEqual([TOKEN, TOKEN, TOKEN, TOKEN]);
    expect(s.seen.every((r) => r.url === '/fn?spinIncrements=0')).toBe(true);
    // Fresh connections, as the study uses: none is left warm.
    expect(s.connections()).toBe(4);
  });

  it('gives up on an endpoint that hangs, each attempt bounded by the attempt timeout', async () => {
    const s = await server(() => ({ kind: 'hang' }));
    const result = await pollEndpoint(s.url, TOKEN, { policy: { ...quick, budgetMs: 900 }, random: () => 0 });
    expect(result.ready).toBe(false);
    if (result.ready) return;
    expect(result.reason).toMatch(/^not ready after \d\.\d s and \d attempts \(budget 0\.9 s\); last answer: ETIMEDOUT \(no answer in time\)$/);
    expect(result.attempts).toBeGreaterThanOrEqual(2);
    expect(result.waitedMs).toBeLessThan(900 + quick.attemptTimeoutMs + 500);
  });

  it('gives up on an endpoint that never becomes ready, naming the last answer', async () => {
    const port = await closedPort();
    const result = await pollEndpoint(`http://127.0.0.1:${port}/fn`, TOKEN, { policy: { ...quick, budgetMs: 400 }, random: () => 0 });
    expect(result).toMatchObject({ ready: false });
    expect(result.ready ? '' : result.reason).toMatch(/last answer: ECONNREFUSED$/);
  });

  it('stops at once when the function refuses the token', async () => {
    const s = await server(() => ({ kind: 'reply', status: 401, body: { error: 'unauthorized', message: 'missing or wrong x-faasbench-token' } }));
    const result = await pollEndpoint(s.url, TOKEN, { policy: quick, random: () => 0 });
    expect(result).toMatchObject({
      ready: false,
      attempts: 1,
      reason: "the function refused the stack's request (HTTP 401 Unauthorized: missing or wrong x-faasbench-token); waiting will not change that",
    });
    expect(s.seen).toHaveLength(1);
  });

  it('ends when its signal aborts', async () => {
    const s = await server(() => ({ kind: 'raw', status: 503, text: 'starting' }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 150);
    const result = await pollEndpoint(s.url, TOKEN, { policy: { ...quick, budgetMs: 60_000 }, signal: controller.signal });
    expect(result).toMatchObject({ ready: false, reason: 'the wait was interrupted' });
  });
});
