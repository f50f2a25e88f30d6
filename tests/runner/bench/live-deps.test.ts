import { describe, expect, test } from '@jest/globals';
import { parseExperimentText } from '../../../experiments/schema/index.js';
import type { ExperimentOutput } from '../../../infra/outputs.js';
import { createLiveStudyDeps } from '../../../runner/bench/live-deps.js';
import { BUILD_LEAD_MS } from '../../../runner/dispatch/index.js';
import type { BurstSpec } from '../../../runner/engine/study-deps.js';
import type { RunEvent } from '../../../runner/engine/events.js';
import { runStudy } from '../../../runner/engine/run-study.js';
import { startScriptServer } from '../dispatch/script-server.js';

function study(url: string, addressFamily: string) {
  const experiment = parseExperimentText(
    JSON.stringify({
      title: 'live',
      vendor: 'local',
      seed: 5,
      subExperiments: [{ title: 'a', bursts: 4, burstSizes: [1, 3], iat: { distribution: 'fixed', ms: 20 }, addressFamily }],
    }),
    'live.json',
    { drawSeed: () => 1 },
  );
  const sub = experiment.subExperiments[0];
  if (sub === undefined) throw new Error('no sub-experiment');
  const endpoints: ExperimentOutput = {
    file: 'live.json',
    title: 'live',
    vendor: 'local',
    subExperiments: [
      {
        index: 0,
        title: 'a',
        deployed: { runtime: sub.runtime, memoryMb: sub.memoryMb, packageSizeMb: 0, parallelism: 1 },
        endpoints: [{ url, vendor: 'local', region: 'local', runtime: sub.runtime, memoryMb: sub.memoryMb, packageBytes: 0, replica: 0, functionName: 'fn' }],
      },
    ],
  };
  return { experiment, endpoints };
}

describe('the live dependencies', () => {
  test('every request of the run becomes one record with its family, before its burst\'s summary', async () => {
    const server = await startScriptServer(() => ({ kind: 'reply' }));
    const deps = createLiveStudyDeps({ token: 'tok-0123456789abcdef' });
    try {
      const { experiment, endpoints } = study(server.url, 'ipv4');
      const events: RunEvent[] = [];
      const result = await runStudy({ experiment, endpoints, deps, emit: (event) => events.push(event), signal: new AbortController().signal });
      expect(result).toEqual({ status: 'completed', reason: null });
      const records = events.flatMap((e) => (e.type === 'request' ? [e.record] : []));
      expect(records).toHaveLength(1 + 3 + 1 + 3);
      expect(records.every((r) => r.ok && r.addressFamily === 4 && r.remoteAddress === '127.0.0.1')).toBe(true);
      expect(records.every((r) => r.firstByteMs !== null && r.firstByteMs >= (r.sentMs as number) && r.endMs >= r.firstByteMs)).toBe(true);
      expect(server.seen).toHaveLength(8);
      // Each burst's summary comes after all of its records.
      for (const [at, event] of events.entries()) {
        if (event.type !== 'burst-end') continue;
        const before = events.slice(0, at).filter((e) => e.type === 'request' && e.record.burstId === event.summary.burstId);
        expect(before).toHaveLength(event.summary.size);
      }
    } finally {
      deps.close();
      await server.close();
    }
  });

  test('an IPv4 endpoint in an ipv6 run: every request is a row with the error, and the run completes', async () => {
    const server = await startScriptServer(() => ({ kind: 'reply' }));
    const deps = createLiveStudyDeps({ token: 'tok-0123456789abcdef' });
    try {
      const { experiment, endpoints } = study(server.url, 'ipv6');
      const events: RunEvent[] = [];
      const result = await runStudy({ experiment, endpoints, deps, emit: (event) => events.push(event), signal: new AbortController().signal });
      expect(result.status).toBe('completed');
      const records = events.flatMap((e) => (e.type === 'request' ? [e.record] : []));
      expect(records).toHaveLength(8);
      expect(records.every((r) => !r.ok && r.errorCode === 'ENOTFOUND' && r.addressFamily === null)).toBe(true);
      expect(records[0]?.errorMessage).toBe('no IPv6 address for 127.0.0.1 (addressFamily "ipv6"; it is an IPv4 address)');
      expect(server.seen).toHaveLength(0);
    } finally {
      deps.close();
      await server.close();
    }
  });

  test('while requests are in flight the next burst is built once they settle, or BUILD_LEAD_MS before it is due', async () => {
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const server = await startScriptServer(() => ({ kind: 'held', until: released }));
    const deps = createLiveStudyDeps({ token: 'tok-0123456789abcdef' });
    try {
      const { experiment, endpoints } = study(server.url, 'ipv4');
      const sub = experiment.subExperiments[0] as BurstSpec['sub'];
      const endpoint = endpoints.subExperiments[0]?.endpoints[0] as BurstSpec['endpoint'];
      const spec = (burstId: number, scheduledMs: number): BurstSpec => ({ sub, endpoint, burstId, round: burstId, size: 1, desiredServiceTimeMs: 0, spinIncrements: 0, scheduledMs });
      const signal = new AbortController().signal;
      const first = await deps.prepareBurst(spec(0, deps.now()), { connection: 'fresh', signal });
      const records = first.fire();
      while (server.seen.length < 1) await new Promise((resolve) => setTimeout(resolve, 1));

      // Due in a minute, a request in flight: not built yet, however many turns pass.
      let built = false;
      const later = deps.prepareBurst(spec(1, deps.now() + 60_000), { connection: 'fresh', signal }).then((burst) => {
        built = true;
        return burst;
      });
      // Due soon: built BUILD_LEAD_MS before, the request still in flight.
      await deps.prepareBurst(spec(2, deps.now() + BUILD_LEAD_MS + 20), { connection: 'fresh', signal });
      expect(built).toBe(false);

      release();
      expect((await Promise.all(records))[0]?.ok).toBe(true);
      expect((await later).spec.burstId).toBe(1);
    } finally {
      deps.close();
      await server.close();
    }
  });
});
