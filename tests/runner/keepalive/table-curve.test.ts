import { describe, expect, test } from '@jest/globals';
import { parseExperimentText, type ResolvedKeepAliveStudy } from '../../../experiments/schema/index.js';
import { idleBinEdges, keepAliveCurve } from '../../../runner/keepalive/table-curve.js';
import { tableOf } from '../../../runner/results/latency-table.js';
import type { RequestClass, RequestRecord } from '../../../runner/results/request-record.js';
import { failedRecordFixture, recordFixture } from '../results/records.js';

/** Idle times 1, 2 and 4 s: sub-experiments 0, 1 and 2 (bins split at 1.5 s and 3 s). */
function study(): ResolvedKeepAliveStudy {
  const experiment = parseExperimentText(
    JSON.stringify({ title: 'ka', vendor: 'local', keepAlive: { idleTimesMs: [4000, 1000, 2000], samplesPerIdle: 4, wallBudgetMs: 20_000 } }),
    'ka.json',
    { drawSeed: () => 1 },
  );
  return experiment.keepAlive!;
}

/** A request of replica (sub, endpoint) from `dispatchedMs` to `endMs`. */
function request(sub: number, endpoint: number, dispatchedMs: number, endMs: number, requestClass: RequestClass = 'warm'): RequestRecord {
  return recordFixture({ subExperimentIndex: sub, subExperiment: `s${sub}`, endpointIndex: endpoint, dispatchedMs, endMs, latencyMs: endMs - dispatchedMs, requestClass });
}

describe('the keep-alive curve of a run, from its latency table', () => {
  test('bins split halfway between planned idle times, from 0, the last open-ended', () => {
    expect(idleBinEdges([4000, 1000, 2000])).toEqual([0, 1500, 3000, Number.POSITIVE_INFINITY]);
    expect(idleBinEdges([60_000])).toEqual([0, Number.POSITIVE_INFINITY]);
  });

  test('idle is dispatch minus the end of the same replica’s previous request, whatever the file order', () => {
    const records = [
      request(0, 0, 5000, 5020, 'cold'),
      request(0, 1, 500, 700),
      request(0, 0, 0, 100, 'cold'),
      request(1, 0, 0, 10, 'cold'),
      request(0, 1, 600, 650),
      request(0, 0, 1000, 1050),
    ];
    // Replica (0, 0): 0–100, 1000–1050, 5000–5020 → first, 900 (warm), 3950 (cold).
    // Replica (0, 1): 500–700, then 600 while the first still ran → first, busy.
    // Replica (1, 0): its only request → first (sub-experiment 0's replica 0 is another function).
    const curve = keepAliveCurve(tableOf(records), study());
    expect(curve.notSamples).toEqual({ firstOfReplica: 3, busy: 1, afterFailure: 0, acrossResume: 0 });
    expect(curve.rows.map((row) => [row.idle.idleMs, row.binMs, row.point && [row.point.idleMs, row.point.cold, row.point.samples]])).toEqual([
      [1000, [0, 1500], [900, 0, 1]],
      [2000, [1500, 3000], null],
      [4000, [3000, Number.POSITIVE_INFINITY], [3950, 1, 1]],
    ]);
  });

  test('a step between 1.5 and 3 s: P(cold) 0 then 1, Clopper–Pearson intervals, the estimate bracketed by the points', () => {
    const records: RequestRecord[] = [];
    // Per sub-experiment, one replica: a first request, then four samples at its idle time (each answer 10 ms long).
    for (const [sub, idleMs] of [[0, 1000], [1, 2000], [2, 4000]] as const) {
      let t = 0;
      records.push(request(sub, 0, t, t + 10, 'cold'));
      for (let i = 0; i < 4; i += 1) {
        t += 10 + idleMs;
        records.push(request(sub, 0, t, t + 10, idleMs >= 2000 ? 'cold' : 'warm'));
      }
    }
    const curve = keepAliveCurve(tableOf(records), study());
    expect(curve.rows.map((row) => [row.point?.idleMs, row.point?.cold, row.point?.samples, row.point?.pCold])).toEqual([
      [1000, 0, 4, 0],
      [2000, 4, 4, 1],
      [4000, 4, 4, 1],
    ]);
    // 0 of 4: [0, 1 − 0.025^(1/4)] = [0, 0.6023646356164914]; 4 of 4: [0.025^(1/4), 1] = [0.3976353643835086, 1].
    expect(curve.rows[0]!.point!.ci.upper).toBeCloseTo(0.6023646356164914, 12);
    expect(curve.rows[1]!.point!.ci.lower).toBeCloseTo(0.3976353643835086, 12);
    // From P 0 at 1 s to 1 at 2 s: 50% at 1.5 s.
    expect(curve.estimate).toMatchObject({ kind: 'crossed', estimateMs: 1500, bracketMs: [1000, 2000] });
  });

  test('requests after a failed one and across a resume are no samples, counted apart; a failed request counts in its bin', () => {
    const records = [
      request(0, 0, 0, 10, 'cold'),
      failedRecordFixture('TIMEOUT', { subExperimentIndex: 0, endpointIndex: 0, dispatchedMs: 1010, endMs: 1500, latencyMs: 490 }),
      request(0, 0, 2500, 2510),
      request(0, 0, 3510, 3520),
      // The runner was killed after 3520 and resumed at 50 000.
      request(0, 0, 50_100, 50_200, 'cold'),
      request(0, 0, 51_200, 51_210),
    ];
    const curve = keepAliveCurve(tableOf(records), study(), { resumedAtMs: [50_000] });
    expect(curve.notSamples).toEqual({ firstOfReplica: 1, busy: 0, afterFailure: 1, acrossResume: 1 });
    expect(curve.rows[0]!.point).toMatchObject({ samples: 2, warm: 2, failed: 1, idleRangeMs: [1000, 1000] });
  });

  test('sub-experiments the study does not sample are left out', () => {
    const records = [request(7, 0, 0, 10), request(7, 0, 1010, 1020)];
    const curve = keepAliveCurve(tableOf(records), study());
    expect(curve.notSamples.firstOfReplica).toBe(0);
    expect(curve.rows.every((row) => row.point === null)).toBe(true);
    expect(curve.estimate.kind).toBe('no-data');
  });
});
