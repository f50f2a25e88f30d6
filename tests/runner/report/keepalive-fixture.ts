import type { ResolvedExperiment } from '../../../experiments/schema/index.js';
import type { RequestClass, RequestRecord } from '../../../runner/results/request-record.js';
import { experimentFixture } from '../fixtures.js';
import { failedRecordFixture, recordFixture } from '../results/records.js';

/**
 * A keep-alive run small enough to compute by hand: idle times 1, 5 and 10 min, one replica each
 * (4 samples fit an hour), every request sent exactly one idle time after its previous one ended.
 *
 *   1 min:  first, then warm ×4                       → 0 of 4 cold
 *   5 min:  first, warm, cold, TIMEOUT, cold           → 1 of 2 cold, 1 failed, 1 after the failure
 *   10 min: first, then cold ×4                       → 4 of 4 cold
 *
 * P(cold) 0, ½, 1: the curve sits on 50% at 5 min, so the estimate is 5 min, bracketed by 1 and 10.
 */

const MIN = 60_000;

export function keepAliveExperiment(vendor: 'aws' | 'local' = 'aws'): ResolvedExperiment {
  return experimentFixture(`experiments/${vendor}/keep-alive.json`, {
    title: `keep-alive-${vendor}`,
    vendor,
    subExperiments: undefined,
    ...(vendor === 'local' ? { local: { keepAliveMs: 4 * MIN } } : {}),
    keepAlive: { idleTimesMs: [10 * MIN, MIN, 5 * MIN], samplesPerIdle: 4, wallBudgetMs: 60 * MIN },
  });
}

type Step = RequestClass | 'TIMEOUT';

const STEPS: readonly (readonly Step[])[] = [
  ['cold', 'warm', 'warm', 'warm', 'warm'],
  ['cold', 'warm', 'cold', 'TIMEOUT', 'cold'],
  ['cold', 'cold', 'cold', 'cold', 'cold'],
];

export function keepAliveRecords(experiment: ResolvedExperiment): RequestRecord[] {
  const records: RequestRecord[] = [];
  for (const idle of experiment.keepAlive!.idleTimes) {
    let dispatchedMs = 1000 + idle.subExperimentIndex;
    STEPS[idle.subExperimentIndex]!.forEach((step, round) => {
      const latencyMs = step === 'cold' ? 400 : step === 'TIMEOUT' ? 60_000 : 40;
      const base = {
        subExperiment: idle.subExperimentTitle,
        subExperimentIndex: idle.subExperimentIndex,
        endpointIndex: 0,
        burstId: round,
        round,
        scheduledMs: dispatchedMs - 0.5,
        dispatchedMs,
        endMs: dispatchedMs + latencyMs,
        latencyMs,
      };
      records.push(step === 'TIMEOUT' ? failedRecordFixture('TIMEOUT', base) : recordFixture({ ...base, requestClass: step, coldStart: step === 'cold' }));
      dispatchedMs += latencyMs + idle.idleMs;
    });
  }
  return records;
}
