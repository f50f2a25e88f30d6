import { setMaxListeners } from 'node:events';
import type { ResolvedExperiment, ResolvedSubExperiment } from '../../experiments/schema/index.js';
import type { ExperimentOutput, SubExperimentOutput } from '../../infra/outputs.js';
import type { RequestRecord } from '../results/request-record.js';
import type { BurstSummary, CalibrationResult, RunListener, RunStatus } from './events.js';
import type { BurstSpec, DispatchJournal, PlannedRound, StudyDeps, StudyResume } from './study-deps.js';

export interface StudyInput {
  readonly experiment: ResolvedExperiment;
  readonly endpoints: ExperimentOutput;
  readonly deps: StudyDeps;
  readonly emit: RunListener;
  /**
   * Aborting stops scheduling: no further round fires. Requests in flight run to their end unless
   * `abortSignal` is given and aborted too; without `abortSignal` this one ends them as well.
   */
  readonly signal: AbortSignal;
  /** Aborting ends the requests in flight at once, as ABORTED records (a second Ctrl-C). */
  readonly abortSignal?: AbortSignal;
  /** Where the bursts about to fire are written down first (for --resume). */
  readonly journal?: DispatchJournal;
  /** Set when continuing an earlier run: what was done is skipped, calibrations are reused. */
  readonly resume?: StudyResume;
}

/**
 * How long before its deadline a burst is prepared: DNS for every replica's host (libuv resolves
 * on four threads, and a cold lookup can take 200 ms) and the request objects. Early preparation
 * costs nothing; late preparation would make the round late.
 */
export const PREPARE_LEAD_MS = 1000;

/**
 * How long before its deadline a round is written to the dispatch journal: late, so a kill in
 * between rarely leaves a round journaled but unsent, and early enough that the write is never
 * on the path from the deadline to the first request.
 */
export const JOURNAL_LEAD_MS = 50;

interface StudyContext {
  readonly input: StudyInput;
  /** Soft stop: the caller's signal, or a failure of one sub-experiment. */
  readonly stop: AbortSignal;
  /** Hard stop: requests in flight end as ABORTED. */
  readonly abort: AbortSignal;
  /** Set when some planned request was not sent or was cut short: the run is not complete. */
  cutShort: boolean;
  /** Records the first error and stops every sub-experiment at once. */
  fail(error: unknown): void;
}

/**
 * Runs every sub-experiment of the study on its absolute schedule and emits what happens. Open
 * loop: a round is fired at its due time whether or not earlier rounds have answered, so the
 * configured IAT is the real IAT; lateness is recorded per request, never corrected.
 *
 * Ends `completed` when every planned request was sent and answered (or failed on its own);
 * `interrupted` when a stop left some unsent or aborted; `failed` when something broke (a
 * sub-experiment threw, or the journal could not be written), after stopping every other
 * sub-experiment and waiting for its requests in flight.
 */
export async function runStudy(input: StudyInput): Promise<{ status: RunStatus; reason: string | null }> {
  const { experiment } = input;
  const failure = new AbortController();
  const abort = input.abortSignal === undefined ? AbortSignal.any([input.signal, failure.signal]) : AbortSignal.any([input.abortSignal, failure.signal]);
  // One listener per burst in flight (removed as it completes): many is normal here, not a leak.
  setMaxListeners(0, abort);
  let firstError: unknown = null;
  const context: StudyContext = {
    input,
    stop: AbortSignal.any([input.signal, abort]),
    abort,
    cutShort: false,
    fail: (error) => {
      firstError ??= error;
      failure.abort(error);
    },
  };
  const runSub = async (sub: ResolvedSubExperiment): Promise<void> => {
    try {
      await runSubExperiment(sub, endpointsOf(input.endpoints, sub), context);
    } catch (error) {
      context.fail(error);
    }
  };
  if (experiment.execution === 'sequential') {
    for (const sub of experiment.subExperiments) {
      if (context.stop.aborted) {
        context.cutShort = true;
        break;
      }
      await runSub(sub);
    }
  } else {
    await Promise.all(experiment.subExperiments.map(runSub));
  }
  if (firstError !== null) return { status: 'failed', reason: firstError instanceof Error ? firstError.message : String(firstError) };
  return context.cutShort ? { status: 'interrupted', reason: describeAbort(input.signal.aborted ? input.signal : abort) } : { status: 'completed', reason: null };
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

/** The rounds still to send: all of them, or on a resume those with a burst not dispatched before. */
function remainingRounds(rounds: readonly PlannedRound[], dispatched: ReadonlySet<number> | undefined): readonly PlannedRound[] {
  if (dispatched === undefined) return rounds;
  return rounds.filter((round) => round.bursts.some((burst) => !dispatched.has(burst.burstId)));
}

async function runSubExperiment(sub: ResolvedSubExperiment, out: SubExperimentOutput, context: StudyContext): Promise<void> {
  const { deps, emit, experiment, journal, resume } = context.input;
  const { stop, abort } = context;
  const first = out.endpoints[0];
  if (first === undefined) throw new Error(`sub-experiment ${sub.title} has no endpoints`);

  const rounds = remainingRounds(deps.plan(sub, experiment.seed), resume?.dispatched.get(sub.index));
  if (rounds.length === 0) return;

  let calibration = resume?.calibrations.get(sub.index);
  if (calibration === undefined) {
    calibration = await deps.calibrate(sub, first, stop);
    // A calibration cut short measured nothing worth keeping (a resume would reuse it).
    if (stop.aborted) {
      context.cutShort = true;
      return;
    }
    journal?.calibrated(calibration);
    emit({ type: 'calibration', calibration });
  }
  const incrementsFor = incrementsLookup(calibration);

  const startMs = resume?.startMs.get(sub.index) ?? deps.now();
  journal?.subStarted(sub.index, startMs);

  // Bursts still waiting for answers; each leaves the set as it completes, so a long run holds
  // only what is in flight.
  const inFlight = new Set<Promise<void>>();
  let burstError: unknown = null;
  const onAbort = () => {
    if (inFlight.size > 0) context.cutShort = true;
  };
  abort.addEventListener('abort', onAbort, { once: true });
  try {
    for (const round of rounds) {
      if (stop.aborted) {
        context.cutShort = true;
        break;
      }
      const dueMs = startMs + round.offsetMs;
      await deps.waitUntil(dueMs - PREPARE_LEAD_MS, stop);
      if (stop.aborted) {
        context.cutShort = true;
        break;
      }
      const specs: BurstSpec[] = round.bursts.map((burst) => {
        const endpoint = out.endpoints[burst.endpointIndex];
        if (endpoint === undefined) throw new Error(`sub-experiment ${sub.title} has no endpoint ${burst.endpointIndex}`);
        return {
          sub,
          endpoint,
          burstId: burst.burstId,
          round: round.round,
          size: burst.size,
          desiredServiceTimeMs: burst.desiredServiceTimeMs,
          spinIncrements: incrementsFor(burst.desiredServiceTimeMs),
          scheduledMs: dueMs,
        };
      });
      const prepared = await Promise.all(specs.map((spec) => deps.prepareBurst(spec, { connection: sub.connection, signal: abort })));
      await deps.waitUntil(dueMs - JOURNAL_LEAD_MS, stop);
      if (stop.aborted) {
        context.cutShort = true;
        break;
      }
      journal?.willFire(specs);
      await deps.waitUntil(dueMs, stop);
      if (stop.aborted) {
        journal?.cancelled(specs);
        context.cutShort = true;
        break;
      }
      // Every burst of the round leaves in one go: the replicas see their bursts at the same time.
      const fired = prepared.map((burst) => ({ burst, requests: burst.fire() }));
      for (const { burst, requests } of fired) {
        emit({ type: 'burst-start', subExperimentIndex: sub.index, burstId: burst.spec.burstId, size: burst.spec.size, scheduledMs: dueMs });
        const collected: Promise<void> = collectBurst(burst.spec, requests, emit).then(
          () => {
            inFlight.delete(collected);
          },
          (error: unknown) => {
            inFlight.delete(collected);
            burstError ??= error;
          },
        );
        inFlight.add(collected);
      }
    }
  } catch (error) {
    // Stop the other sub-experiments now, not after this one's requests in flight have answered.
    context.fail(error);
    throw error;
  } finally {
    // Whatever stopped the loop, every request sent gets its record before this returns.
    while (inFlight.size > 0) await Promise.all(inFlight);
    abort.removeEventListener('abort', onAbort);
  }
  if (burstError !== null) throw burstError;
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
