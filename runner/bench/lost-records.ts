import type { ResolvedExperiment } from '../../experiments/schema/index.js';
import type { ExperimentOutput } from '../../infra/outputs.js';
import { type ProbeOutcome, toRequestRecord } from '../dispatch/index.js';
import type { RunResume } from '../engine/events.js';
import type { LostBurst } from '../engine/resume-plan.js';
import type { RequestRecord } from '../results/request-record.js';

/**
 * Rows for requests a stopped run had dispatched but never recorded, written by the resume so the
 * CSV ends with exactly one row per planned request. Their error code is LOST: whether they reached
 * the function, and what it answered, is unknown. Times: dispatched and end are the burst's due
 * time (the last thing known about them), so their latency is 0 and says nothing.
 */

export const LOST = 'LOST';

export function lostMessage(after: RunResume['after']): string {
  return after === 'killed'
    ? 'the runner was killed while this request was in flight; its outcome is unknown'
    : `the run stopped (${after}) before this request's row was written; its outcome is unknown`;
}

export function lostRecords(lost: readonly LostBurst[], experiment: ResolvedExperiment, endpoints: ExperimentOutput, after: RunResume['after']): RequestRecord[] {
  const message = lostMessage(after);
  const records: RequestRecord[] = [];
  for (const burst of lost) {
    const sub = experiment.subExperiments.find((s) => s.index === burst.subExperimentIndex);
    if (sub === undefined) continue;
    const url = endpoints.subExperiments.find((s) => s.index === sub.index)?.endpoints[burst.endpointIndex]?.url ?? '';
    const outcome: ProbeOutcome = {
      dispatchedMs: burst.scheduledMs,
      connectedMs: null,
      secureConnectedMs: null,
      sentMs: null,
      firstByteMs: null,
      endMs: burst.scheduledMs,
      dnsMs: null,
      tcpMs: null,
      tlsMs: null,
      reusedConnection: false,
      remoteAddress: null,
      addressFamily: null,
      status: null,
      body: Buffer.alloc(0),
      responseBytes: 0,
      errorCode: LOST,
      errorMessage: message,
    };
    for (const indexInBurst of burst.missingIndexes) {
      records.push(
        toRequestRecord(burst, outcome, { index: burst.endpointIndex, url }, {
          subExperiment: sub.title,
          subExperimentIndex: sub.index,
          indexInBurst,
          scheduledMs: burst.scheduledMs,
          spinIncrementsRequested: burst.spinIncrements,
          coldThresholdMs: sub.coldThresholdMs,
          preinitThresholdMs: sub.preinitThresholdMs,
        }),
      );
    }
  }
  return records;
}
