import type { ResolvedExperiment } from '../../experiments/schema/index.js';
import type { ExperimentOutput } from '../../infra/outputs.js';
import type { RequestRecord } from '../results/request-record.js';

/**
 * What the measurement engine emits while a study runs. The engine only emits; the CSV writer,
 * the log, the progress line and the statistics subscribe. Events arrive in this order per
 * sub-experiment: calibration*, then (burst-start, request*, burst-end)* interleaved across
 * concurrent bursts, then sub-experiment-end; the run is framed by run-start and run-end.
 */

export interface RunInfo {
  readonly runId: string;
  readonly experiment: ResolvedExperiment;
  /** Endpoints as deployed (stack outputs or the local platform); no token in here. */
  readonly endpoints: ExperimentOutput;
  /** Where the endpoints came from. */
  readonly endpointSource: 'local' | 'stack' | 'outputs-file';
  readonly toolVersion: string;
  readonly nodeVersion: string;
  /** Wall-clock time (epoch ms) of the run's monotonic origin: offset 0 in every record. */
  readonly originEpochMs: number;
  /** Total requests and bursts the schedule will send, for progress and ETA. */
  readonly plannedRequests: number;
  readonly plannedBursts: number;
  /** Offset (ms) at which the last burst is scheduled, for ETA. */
  readonly plannedLastBurstMs: number;
  /** sha256 of the experiment file as resolved (seed aside when drawn): a resume refuses a changed file. */
  readonly experimentHash?: string;
  /** The outputs file or stack the endpoints came from (null for local), so a resume can read them again. */
  readonly endpointLocator?: string | null;
  /** Earlier stops of a resumed run, oldest first; empty for a run in one go. */
  readonly resumes?: readonly RunResume[];
}

/** One resume of a stopped run: the gap in its timeline and what the resume found. */
export interface RunResume {
  /** How the run had stopped: `killed` when no end was recorded. */
  readonly after: 'killed' | 'interrupted' | 'failed';
  /** Last sign of life before the gap, and when the resumed process started (ISO times). */
  readonly stoppedAt: string;
  readonly resumedAt: string;
  readonly gapMs: number;
  /** The same two moments as offsets on the run timeline. */
  readonly stoppedMs: number;
  readonly resumedMs: number;
  /** Requests dispatched before the stop that have no row: recorded as LOST. */
  readonly lostRequests: number;
  readonly remainingRequests: number;
  /** How far the remaining rounds moved on the timeline. */
  readonly shiftMs: number;
  /** The local platform was started again: every instance after the gap is new. */
  readonly newInstances: boolean;
  readonly pid: number;
}

/** How desired service times became busy-spin increments for one sub-experiment. */
export interface CalibrationResult {
  readonly subExperimentIndex: number;
  readonly subExperiment: string;
  /** Increments per millisecond of busy time, as measured by the function itself. */
  readonly incrementsPerMs: number | null;
  /** For each desired service time (ms): increments to send and the service time they achieved in calibration. */
  readonly points: readonly {
    readonly desiredServiceTimeMs: number;
    readonly spinIncrements: number;
    readonly achievedServiceTimeMs: number | null;
  }[];
  /** Calibration requests sent (they are not part of the study's latency data). */
  readonly requestsSent: number;
  /**
   * Whose clock timed the spins: the function's (serviceTimeMs), or, where the function's clock
   * stands still during a request (workerd), the client's (latency minus the latency of no spin,
   * so network jitter is in it); null when nothing needed timing.
   */
  readonly timedBy: 'function' | 'client' | null;
  /** Why calibration could not measure, when it could not (all desired times are then 0 increments). */
  readonly problem: string | null;
}

export interface BurstSummary {
  readonly subExperimentIndex: number;
  readonly subExperiment: string;
  readonly burstId: number;
  readonly round: number;
  readonly endpointIndex: number;
  readonly size: number;
  readonly scheduledMs: number;
  /** First and last request handed to the socket layer: the client's dispatch spread. */
  readonly firstDispatchedMs: number;
  readonly lastDispatchedMs: number;
  /** First and last request fully written (null if none was). */
  readonly firstSentMs: number | null;
  readonly lastSentMs: number | null;
  readonly ok: number;
  readonly errors: number;
  readonly cold: number;
  readonly warm: number;
  readonly medianLatencyMs: number | null;
  readonly maxLatencyMs: number | null;
}

export type RunStatus = 'completed' | 'interrupted' | 'failed';

export type RunEvent =
  | { readonly type: 'run-start'; readonly run: RunInfo }
  | { readonly type: 'calibration'; readonly calibration: CalibrationResult }
  | {
      readonly type: 'burst-start';
      readonly subExperimentIndex: number;
      readonly burstId: number;
      readonly size: number;
      readonly scheduledMs: number;
    }
  | { readonly type: 'request'; readonly record: RequestRecord }
  | { readonly type: 'burst-end'; readonly summary: BurstSummary }
  | { readonly type: 'sub-experiment-end'; readonly subExperimentIndex: number; readonly endMs: number }
  | {
      readonly type: 'run-end';
      readonly status: RunStatus;
      readonly endMs: number;
      /** Set when status is `failed` or `interrupted`: what happened, in one sentence. */
      readonly reason: string | null;
    };

export type RunListener = (event: RunEvent) => void;
