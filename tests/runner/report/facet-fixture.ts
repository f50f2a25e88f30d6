import type { ResolvedExperiment } from '../../../experiments/schema/index.js';
import type { RequestClass, RequestRecord } from '../../../runner/results/request-record.js';
import { experimentFixture } from '../fixtures.js';
import { failedRecordFixture, recordFixture } from '../results/records.js';

/**
 * A run whose sub-experiments lack classes, as real runs do: `warm` is warm but for one cold start
 * (quickstart's warm sub-experiment), `cold` has no warm request, `prewarmed` has pre-initialised
 * instances and warm requests but no cold start. Facets by sub-experiment × class then have empty
 * cells, which is where panels used to slide under the wrong headers. Latencies differ by
 * sub-experiment and class, so a panel's data tells which group it is; memory differs by
 * sub-experiment, so the run also gets the factor chart.
 */

export function facetExperiment(): ResolvedExperiment {
  const sub = (title: string, memoryMb: number) => ({ title, bursts: 12, burstSizes: [1], iat: { distribution: 'fixed', ms: 1000 }, memoryMb });
  return experimentFixture('experiments/facets.json', {
    title: 'facets',
    subExperiments: [sub('warm', 128), sub('cold', 512), sub('prewarmed', 1024)],
  });
}

/** What each sub-experiment's bursts get, burst by burst; `skip` leaves classes out (for a second run that differs). */
const PLAN: readonly (readonly RequestClass[])[] = [
  ['cold', 'warm', 'warm', 'warm', 'warm', 'warm', 'warm', 'warm', 'warm', 'warm', 'warm', 'warm'],
  ['cold', 'cold', 'cold', 'cold', 'cold', 'cold', 'cold', 'cold', 'cold', 'cold', 'cold', 'cold'],
  ['cold-preinit', 'warm', 'cold-preinit', 'warm', 'cold-preinit', 'warm', 'warm', 'cold-preinit', 'warm', 'warm', 'warm', 'warm'],
];

const BASE_MS: Readonly<Record<RequestClass, number>> = { cold: 400, 'cold-preinit': 60, warm: 10, unknown: 0 };

export function facetRecords(experiment: ResolvedExperiment, options: { variant?: number; skip?: readonly RequestClass[] } = {}): RequestRecord[] {
  const variant = options.variant ?? 0;
  const records: RequestRecord[] = [];
  for (const sub of experiment.subExperiments) {
    const plan = PLAN[sub.index] ?? [];
    plan.forEach((requestClass, burstId) => {
      const dispatchedMs = 300 + burstId * 1000 + sub.index * 11;
      const base = {
        subExperiment: sub.title,
        subExperimentIndex: sub.index,
        burstId,
        round: burstId,
        scheduledMs: dispatchedMs - 0.25,
        dispatchedMs,
        memoryMb: sub.memoryMb,
      };
      if (sub.index === 0 && burstId === 6) {
        records.push(failedRecordFixture('TIMEOUT', { ...base, latencyMs: 3000, endMs: dispatchedMs + 3000 }));
        return;
      }
      if (options.skip?.includes(requestClass) === true) return;
      // Each sub-experiment and class on its own scale (×3 per sub-experiment), with a little spread.
      const latencyMs = BASE_MS[requestClass] * 3 ** sub.index + burstId * 0.7 + variant * 1.3;
      records.push(
        recordFixture({
          ...base,
          latencyMs,
          ttfbMs: latencyMs - 0.4,
          firstByteMs: dispatchedMs + latencyMs - 0.4,
          endMs: dispatchedMs + latencyMs,
          requestClass,
          coldStart: requestClass !== 'warm',
          instanceId: `i-${sub.index}`,
          invocationCount: burstId + 1,
          requestId: `req-${sub.index}-${burstId}`,
        }),
      );
    });
  }
  return records;
}
