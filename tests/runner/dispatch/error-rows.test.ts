import { afterAll, describe, expect, test } from '@jest/globals';
import {
  createAgentPool,
  createRunClock,
  dispatchBurst,
  measurementUrl,
  type ProbeOutcome,
  type ProbeRequest,
  toRequestRecord,
} from '../../../runner/dispatch/index.js';
import type { PlannedBurst } from '../../../runner/schedule/index.js';
import { closedPort, type ScriptServer, startScriptServer } from './script-server.js';

const TOKEN = 'tok-0123456789abcdef-secret';
const agents = createAgentPool();
afterAll(() => agents.destroy());

/**
 * One request to each of six endpoints, each failing its own way (or not), sent as one burst and
 * turned into records: every request is a row, failures included, and the token is in none.
 */
describe('every request becomes a row', () => {
  test('success, HTTP 500, bad body, reset, timeout and refused, side by side', async () => {
    const servers: ScriptServer[] = await Promise.all([
      startScriptServer(() => ({ kind: 'reply' })),
      startScriptServer(() => ({ kind: 'reply', status: 500, body: { error: 'internal', message: ' out of memory ' } })),
      startScriptServer(() => ({ kind: 'reply', body: { hello: 'world' } })),
      startScriptServer(() => ({ kind: 'reset' })),
      startScriptServer(() => ({ kind: 'hang' })),
    ]);
    try {
      const refused = `http://127.0.0.1:${await closedPort()}/fn`;
      const endpoints = [...servers.map((s) => s.url), refused];
      const clock = createRunClock();
      const scheduledMs = clock.nowMs();
      const requests: ProbeRequest[] = endpoints.map((url) => ({ url: measurementUrl(url, 10), token: TOKEN, payload: null, connection: 'fresh', timeoutMs: 300 }));
      const { outcomes } = await dispatchBurst(requests, { clock, agents });
      const records = outcomes.map((outcome: ProbeOutcome, i) => {
        const planned: PlannedBurst = { subExperimentIndex: 0, burstId: i, round: 0, endpointIndex: i, size: 1, desiredServiceTimeMs: 0, offsetMs: 0 };
        return toRequestRecord(planned, outcome, { index: i, url: endpoints[i] as string }, {
          subExperiment: 'rows', subExperimentIndex: 0, indexInBurst: 0, scheduledMs, spinIncrementsRequested: 10, coldThresholdMs: null, preinitThresholdMs: 10_000,
        });
      });
      expect(records.map((r) => [r.ok, r.errorCode, r.status])).toEqual([
        [true, null, 200],
        [false, 'HTTP_500', 500],
        [false, 'BAD_BODY', 200],
        [false, 'ECONNRESET', null],
        [false, 'TIMEOUT', null],
        [false, 'ECONNREFUSED', null],
      ]);
      expect(records[1]?.errorMessage).toBe('out of memory');
      expect(records[0]).toMatchObject({ requestClass: 'cold', classSource: 'function', instanceId: 'inst-1' });
      for (const record of records) {
        expect(record.latencyMs).toBe(record.endMs - record.dispatchedMs);
        expect(record.scheduleLagMs).toBe(record.dispatchedMs - scheduledMs);
        expect(record.endpointUrl).not.toContain('?');
      }
      expect(JSON.stringify(records)).not.toContain(TOKEN);
      expect(JSON.stringify(outcomes.map((o) => ({ ...o, body: o.body.toString() })))).not.toContain(TOKEN);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  });
});
