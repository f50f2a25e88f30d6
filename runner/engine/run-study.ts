import type { ResolvedExperiment, ResolvedSubExperiment } from '../../experiments/schema/index.js';
import type { ExperimentOutput, SubExperimentOutput } from '../../infra/outputs.js';
import type { RequestRecord } from '../results/request-record.js';
import type { BurstSummary, CalibrationResult, RunListener, RunStatus } from './events.js';
import type { PlannedRound, StudyDeps } from './study-deps.js';

export interface StudyInput {
  readonly experiment: ResolvedExperiment;
  readonly endpoints: ExperimentOutput;
  readonly deps: StudyDeps;
  readonly emit: RunListener;
  /** Aborting stops scheduling; requests in flight end as ABORTED records. */
  readonly signal: AbortSignal;
}

/**
 * How long before its deadline a burst is prepared: DNS for every replica's host (libuv resolves
 * on four threads, and a cold lookup can take 200 ms) and the request objects. Early preparation
 * costs nothing; late preparation would make the round late.
 */
export const PREPARE_LEAD_MS = 1000;

/**
 * Runs every sub-experiment of the study on its absolute schedule and emits what happens. Open
 * loop: a round is fired at its due time whether or not earlier rounds have answered, so the
 * configured IAT is the real IAT; lateness is recorded per request, never corrected.
 */
export async function runStudy(input: StudyInput): Promise<{ status: RunStatus; reason: string | null }> {
  const { experiment, signal } = input;
  const runSub = (sub: ResolvedSubExperiment) => runSubExperiment(sub, endpointsOf(input.endpoints, sub), input);
  if (experiment.execution === 'sequential') {
    for (const sub of experiment.subExperiments) {
      if (signal.aborted) break;
      await runSub(sub);
    }
  } else {
    await Promise.all(experiment.subExperiments.map(runSub));
  }
  return signal.aborted
    ? { status: 'interrupted', reason: describeAbort(signal) }
    : { status: 'completed', reason: null };
}

/** Totals of the whole schedule, for progress and ETA; computed from the same plans the run uses. */
export function plannedTotals(experiment: ResolvedExperiment, plan: StudyDeps['plan']) {
  let requests = 0;
  let bursts = 0;
  let lastBurstMs = 0;
  for (const sub of experiment.subExperiments) {
    const rounds = plan(sub, experiment.seed);
    for (const round of rounds) {
      bursts += round.bursts.length;
      requests += round.bursts.reduce((sum, b) => sum + b.size, 0);
    }
    const last = rounds.at(-1)?.offsetMs ?? 0;
    lastBurstMs = experiment.execution === 'sequential' ? lastBurstMs + last : Math.max(lastBurstMs, last);
  }
  return { requests, bursts, lastBurstMs };
}

function endpointsOf(endpoints: ExperimentOutput, sub: ResolvedSubExperiment): SubExperimentOutput {
  const found = endpoints.subExperiments.find((s) => s.index === sub.index);
  if (found === undefined) throw new Error(`no endpoints for sub-experiment ${sub.index} (${sub.title})`);
  return found;
}

async function runSubExperiment(sub: ResolvedSubExperiment, out: SubExperimentOutput, input: StudyInput): Promise<void> {
  const { deps, emit, signal, experiment } = input;
  const first = out.endpoints[0];
  if (first === undefined) throw new Error(`sub-experiment ${sub.title} has no endpoints`);

  const calibration = await deps.calibrate(sub, first, signal);
  emit({ type: 'calibration', calibration });
  const incrementsFor = incrementsLookup(calibration);

  const rounds: readonly PlannedRound[] = deps.plan(sub, experiment.seed);
  const startMs = deps.now();
  const inFlight: Promise<void>[] = [];

  for (const round of rounds) {
    if (signal.aborted) break;
    const dueMs = startMs + round.offsetMs;
    await deps.waitUntil(dueMs - PREPARE_LEAD_MS, signal);
    if (signal.aborted) break;
    const prepared = await Promise.all(
      round.bursts.map((burst) => {
        const endpoint = out.endpoints[burst.endpointIndex];
        if (endpoint === undefined) throw new Error(`sub-experiment ${sub.title} has no endpoint ${burst.endpointIndex}`);
        return deps.prepareBurst(
          {
            sub,
            endpoint,
            burstId: burst.burstId,
            round: round.round,
            size: burst.size,
            desiredServiceTimeMs: burst.desiredServiceTimeMs,
            spinIncrements: incrementsFor(burst.desiredServiceTimeMs),
            scheduledMs: dueMs,
          },
          { connection: sub.connection, signal },
        );
      }),
    );
    await deps.waitUntil(dueMs, signal);
    if (signal.aborted) break;
    // Every burst of the round leaves in one go: the replicas see their bursts at the same time.
    const fired = prepared.map((burst) => ({ burst, requests: burst.fire() }));
    for (const { burst, requests } of fired) {
      emit({ type: 'burst-start', subExperimentIndex: sub.index, burstId: burst.spec.burstId, size: burst.spec.size, scheduledMs: dueMs });
      inFlight.push(collectBurst(burst.spec, requests, emit));
    }
  }
  await Promise.all(inFlight);
  emit({ type: 'sub-experiment-end', subExperimentIndex: sub.index, endMs: deps.now() });
}

/** Emits each record as its request completes, then the burst's one-line summary. */
async function collectBurst(
  spec: { sub: ResolvedSubExperiment; burstId: number; round: number; endpoint: { replica: number }; size: number; scheduledMs: number },
  requests: readonly Promise<RequestRecord>[],
  emit: RunListener,
): Promise<void> {
  const records = await Promise.all(
    requests.map((request) =>
      request.then((record) => {
        emit({ type: 'request', record });
        return record;
      }),
    ),
  );
  emit({ type: 'burst-end', summary: summarizeBurst(spec, records) });
}

export function summarizeBurst(
  spec: { sub: ResolvedSubExperiment; burstId: number; round: number; endpoint: { replica: number }; size: number; scheduledMs: number },
  records: readonly RequestRecord[],
): BurstSummary {
  const dispatched = records.map((r) => r.dispatchedMs);
  const sent = records.flatMap((r) => (r.sentMs === null ? [] : [r.sentMs]));
  const latencies = records.filter((r) => r.ok).map((r) => r.latencyMs).sort((a, b) => a - b);
  const mid = latencies.length / 2;
  return {
    subExperimentIndex: spec.sub.index,
    subExperiment: spec.sub.title,
    burstId: spec.burstId,
    round: spec.round,
    endpointIndex: spec.endpoint.replica,
    size: spec.size,
    scheduledMs: spec.scheduledMs,
    firstDispatchedMs: Math.min(...dispatched),
    lastDispatchedMs: Math.max(...dispatched),
    firstSentMs: sent.length === 0 ? null : Math.min(...sent),
    lastSentMs: sent.length === 0 ? null : Math.max(...sent),
    ok: records.filter((r) => r.ok).length,
    errors: records.filter((r) => !r.ok).length,
    cold: records.filter((r) => r.requestClass === 'cold').length,
    warm: records.filter((r) => r.requestClass === 'warm').length,
    medianLatencyMs:
      latencies.length === 0
        ? null
        : latencies.length % 2 === 1
          ? (latencies[Math.floor(mid)] as number)
          : ((latencies[mid - 1] as number) + (latencies[mid] as number)) / 2,
    maxLatencyMs: latencies.at(-1) ?? null,
  };
}

function incrementsLookup(calibration: CalibrationResult): (desiredMs: number) => number {
  const table = new Map(calibration.points.map((p) => [p.desiredServiceTimeMs, p.spinIncrements]));
  return (desiredMs) => table.get(desiredMs) ?? 0;
}

function describeAbort(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'the run was interrupted';
}
