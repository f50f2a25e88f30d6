import type { RequestClass, RequestRecord } from '../../../runner/results/request-record.js';
import { failedRecordFixture, recordFixture } from '../results/records.js';

/**
 * Seeded random requests that exercise what grouping can get wrong: sub-experiments out of order
 * and sharing a title, every class, failures with and without a code, missing service times,
 * cycled service times and burst sizes, runtimes and memory that vary or not, several outcomes in
 * one burst dispatched at the same instant, and latencies with ties.
 */
export function fuzzRecords(count: number, seed: number): RequestRecord[] {
  let state = seed;
  const uniform = (): number => (state = (state * 48271) % 2147483647) / 2147483647;
  const pick = <T>(values: readonly T[]): T => values[Math.floor(uniform() * values.length)] as T;
  const titles = ['warm', 'cold', 'warm', 'burst', 'cold-preinit'];
  const classes: readonly RequestClass[] = ['cold', 'cold-preinit', 'warm', 'warm', 'warm', 'unknown'];
  const records: RequestRecord[] = [];
  for (let i = 0; i < count; i += 1) {
    const subExperimentIndex = pick([3, 0, 1, 4, 2, 7]);
    const burstId = Math.floor(uniform() * 40);
    const base = {
      subExperimentIndex,
      subExperiment: titles[subExperimentIndex % titles.length] as string,
      burstId,
      round: burstId,
      burstSize: subExperimentIndex === 1 ? pick([1, 5]) : 10,
      indexInBurst: i % 10,
      endpointIndex: i % 3,
      desiredServiceTimeMs: subExperimentIndex === 0 ? pick([0, 10, 2.5]) : 0,
      // Bursts of one sub-experiment dispatch at one instant, so outcomes of a burst tie on time.
      dispatchedMs: 1000 + burstId * 250 + subExperimentIndex * 0.125 + (uniform() < 0.5 ? 0 : Math.floor(uniform() * 4) * 0.001),
      latencyMs: Math.round((5 + uniform() * 200 + (uniform() < 0.05 ? 2000 : 0)) * 1000) / 1000,
      endMs: 1000 + Math.round(uniform() * 1e6) / 1000,
      memoryMb: subExperimentIndex === 2 ? pick([128, 256]) : 128 * (subExperimentIndex + 1),
      runtime: subExperimentIndex === 4 ? 'python3.12' : 'nodejs22',
      region: pick(['eu-west-1', 'us-east-1', '']),
      vendor: pick(['aws', 'aws', 'gcp']),
    };
    const draw = uniform();
    if (draw < 0.08) {
      const code = pick(['TIMEOUT', 'HTTP_500', 'ECONNRESET', 'ABORTED']);
      records.push(failedRecordFixture(code, { ...base, errorCode: uniform() < 0.1 ? null : code, errorMessage: 'failed, "badly"\nreally' }));
      continue;
    }
    const requestClass = pick(classes);
    records.push(
      recordFixture({
        ...base,
        requestClass,
        coldStart: requestClass === 'unknown' ? null : requestClass !== 'warm',
        serviceTimeMs: uniform() < 0.2 ? null : Math.round(uniform() * 20_000) / 1000,
        requestId: uniform() < 0.3 ? null : `r-${i}`,
        instanceId: `i-${subExperimentIndex}-${burstId % 7}`,
        invocationCount: i % 13,
      }),
    );
  }
  return records;
}
