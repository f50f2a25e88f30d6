import { afterEach, describe, expect, it } from '@jest/globals';
import { waitForEndpoints, type ReadinessPolicy } from '../../../runner/readiness/index.js';
import { contractBody, type ScriptServer, startScriptServer } from '../dispatch/script-server.js';
import { experimentFixture, outputsFixture } from '../fixtures.js';

const TOKEN = 'tok-0123456789abcdef-secret';
const quick: ReadinessPolicy = { budgetMs: 2000, attemptTimeoutMs: 300, initialDelayMs: 20, factor: 2, maxDelayMs: 100 };
const servers: ScriptServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function recordingLogger() {
  const lines: { level: string; message: string; meta: Record<string, unknown> }[] = [];
  return { lines, log: (level: 'info' | 'warn' | 'error', message: string, meta: Record<string, unknown>) => void lines.push({ level, message, meta }) };
}

describe('waitForEndpoints', () => {
  it('polls every endpoint of the sub-experiments that run and logs the wait without URLs or the token', async () => {
    const s = await startScriptServer((request, n) => (request.url.startsWith('/fn/s0-r1') && n < 4 ? { kind: 'raw', status: 503, text: '' } : { kind: 'reply', body: contractBody() }));
    servers.push(s);
    const experiment = experimentFixture('experiments/fixture.json');
    const outputs = outputsFixture(experiment, s.url);
    const logger = recordingLogger();
    const report = await waitForEndpoints({
      endpoints: outputs.experiments[0]!,
      subExperimentIndexes: [0],
      token: TOKEN,
      policy: quick,
      logger,
      signal: new AbortController().signal,
      random: () => 0,
    });
    expect(report.ready).toBe(true);
    expect(report.problem).toBeNull();
    // Sub-experiment 1 (not selected) is never polled.
    expect(s.seen.some((r) => r.url.startsWith('/fn/s1'))).toBe(false);
    expect(report.endpoints.map((e) => `${e.subExperiment}/${e.endpointIndex}`).sort()).toEqual(['warm/0', 'warm/1']);
    expect(report.requests).toBe(s.seen.length);
    const summary = logger.lines.at(-1)!;
    expect(summary.meta).toMatchObject({ event: 'readiness', ready: true, endpoints: 2, readyEndpoints: 2, requests: s.seen.length });
    expect(summary.message).toMatch(/^readiness: 2 of 2 endpoints ready in \d+\.\d s \(\d+ requests, not part of the latency data\)$/);
    // The 503 is logged once, not once per attempt.
    expect(logger.lines.filter((l) => l.meta['event'] === 'readiness-attempt').map((l) => l.message)).toEqual([
      'readiness: warm endpoint 1: HTTP 503 Service Unavailable (attempt 1); retrying in 0.0 s',
    ]);
    const text = JSON.stringify(logger.lines);
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toContain(TOKEN);
    expect(report.lastRequestEndedAtEpochMs).toBeLessThanOrEqual(Date.now());
  });

  it('says which endpoint is not ready and stops polling the others', async () => {
    const s = await startScriptServer((request) => (request.url.startsWith('/fn/s0-r0') ? { kind: 'reply', status: 401, body: { error: 'unauthorized', message: 'no' } } : { kind: 'raw', status: 503, text: '' }));
    servers.push(s);
    const outputs = outputsFixture(experimentFixture('experiments/fixture.json'), s.url);
    const logger = recordingLogger();
    const report = await waitForEndpoints({
      endpoints: outputs.experiments[0]!,
      subExperimentIndexes: [0, 1],
      token: TOKEN,
      policy: { ...quick, budgetMs: 60_000 },
      logger,
      signal: new AbortController().signal,
    });
    expect(report.ready).toBe(false);
    expect(report.problem).toBe(
      "warm endpoint 0 is not ready: the function refused the stack's request (HTTP 401 Unauthorized: no); waiting will not change that",
    );
    expect(logger.lines.at(-1)).toMatchObject({ level: 'error', meta: { event: 'readiness', ready: false } });
  });
});
