import { describe, expect, test } from '@jest/globals';
import { DARK_BURSTS, DARK_MIN_SPAN_MS, watchForDarkEndpoints } from '../../../runner/bench/dark-endpoints.js';
import type { RunEvent } from '../../../runner/engine/events.js';
import { recordFixture } from '../results/records.js';

/** Bursts of 2 due every `iatMs`, each ending 300 ms after it is due, with the given error code (null: answered). */
function bursts(count: number, code: (burst: number) => string | null, iatMs = 1000, first = 0): RunEvent[] {
  const events: RunEvent[] = [];
  for (let b = first; b < first + count; b++) {
    const scheduledMs = b * iatMs;
    for (let i = 0; i < 2; i++) {
      const errorCode = code(b);
      events.push({ type: 'request', record: recordFixture({ burstId: b, indexInBurst: i, scheduledMs, endMs: scheduledMs + 300, ok: errorCode === null, errorCode }) });
    }
    events.push({
      type: 'burst-end',
      summary: {
        subExperimentIndex: 0, subExperiment: 'a', burstId: b, round: b, endpointIndex: 0, size: 2, scheduledMs, firstDispatchedMs: scheduledMs,
        lastDispatchedMs: scheduledMs, firstSentMs: null, lastSentMs: null, ok: 0, errors: 2, cold: 0, warm: 0, medianLatencyMs: null, maxLatencyMs: null,
      },
    });
  }
  return events;
}

function watch(events: RunEvent[], options?: { bursts?: number; minSpanMs?: number }): string[] {
  const reasons: string[] = [];
  const listener = watchForDarkEndpoints((reason) => reasons.push(reason), options);
  for (const event of events) listener(event);
  return reasons;
}

describe('endpoints gone dark', () => {
  test('the rule: 10 bursts in a row with no answer at all, lasting at least 10 s', () => {
    expect([DARK_BURSTS, DARK_MIN_SPAN_MS]).toEqual([10, 10_000]);
    // Bursts every second from 0: burst 9 ends at 9.3 s (too short), burst 10 at 10.3 s.
    expect(watch(bursts(10, () => 'ECONNREFUSED'))).toEqual([]);
    expect(watch(bursts(11, () => 'ECONNREFUSED'))).toEqual([
      'the endpoints went dark: all 22 requests of the last 11 bursts (over 10.3 s) got no answer (ECONNREFUSED 22)',
    ]);
  });

  test('a fast schedule needs the duration as well as the count', () => {
    // Every 100 ms: 10 bursts last 1.2 s; burst n ends at 100·n + 300 ms, so the streak reaches 10 s with burst 97.
    expect(watch(bursts(200, () => 'TIMEOUT', 100))).toEqual(['the endpoints went dark: all 196 requests of the last 98 bursts (over 10.0 s) got no answer (TIMEOUT 196)']);
  });

  test('one answer ends the streak; an HTTP error is an answer', () => {
    // 20 bursts a second apart are dark together; split by one answered burst, neither half is.
    expect(watch(bursts(20, () => 'ECONNRESET'))).toHaveLength(1);
    expect(watch(bursts(20, (b) => (b === 10 ? null : 'ECONNRESET')))).toEqual([]);
    expect(watch(bursts(20, (b) => (b === 10 ? 'HTTP_503' : 'ECONNRESET')))).toEqual([]);
    expect(watch(bursts(30, () => 'HTTP_502'))).toEqual([]);
  });

  test('codes are counted over the streak, and it reports once', () => {
    const reasons = watch(bursts(40, (b) => (b % 2 === 0 ? 'ECONNREFUSED' : 'ENOTFOUND')));
    expect(reasons).toEqual(['the endpoints went dark: all 22 requests of the last 11 bursts (over 10.3 s) got no answer (ECONNREFUSED 12, ENOTFOUND 10)']);
  });
});
