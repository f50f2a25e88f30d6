import type { ConnectionMode, ResolvedSubExperiment } from '../../experiments/schema/index.js';
import type { EndpointOutput } from '../../infra/outputs.js';
import type { RequestRecord } from '../results/request-record.js';
import type { CalibrationResult } from './events.js';

/**
 * What the engine needs from the outside world, passed in so the engine is plain orchestration:
 * tests drive it with a fake clock and fake bursts, the CLI with the real HTTP client.
 */

/** One burst as the plan fixes it, plus everything needed to send it. */
export interface BurstSpec {
  readonly sub: ResolvedSubExperiment;
  readonly endpoint: EndpointOutput;
  readonly burstId: number;
  readonly round: number;
  readonly size: number;
  readonly desiredServiceTimeMs: number;
  readonly spinIncrements: number;
  /** Offset from the run origin at which the burst is due. */
  readonly scheduledMs: number;
}

/** A burst made ready before its deadline (DNS resolved, requests built): firing it is cheap. */
export interface PreparedBurst {
  readonly spec: BurstSpec;
  /** Sends every request of the burst in one tight loop; one promise per request, in order. */
  fire(): readonly Promise<RequestRecord>[];
}

export interface PlannedRound {
  readonly round: number;
  /** Offset from the sub-experiment's start. */
  readonly offsetMs: number;
  readonly bursts: readonly {
    readonly burstId: number;
    readonly endpointIndex: number;
    readonly size: number;
    readonly desiredServiceTimeMs: number;
  }[];
}

export interface StudyDeps {
  /** Offset in ms (µs precision) from the run's monotonic origin. */
  now(): number;
  /** Resolves at `targetMs` (or at once when it has passed, or when `signal` aborts). */
  waitUntil(targetMs: number, signal: AbortSignal): Promise<void>;
  /** The sub-experiment's rounds, seeded; pure. */
  plan(sub: ResolvedSubExperiment, seed: number): readonly PlannedRound[];
  /** Desired service times → spin increments, measured against `endpoint`. */
  calibrate(sub: ResolvedSubExperiment, endpoint: EndpointOutput, signal: AbortSignal): Promise<CalibrationResult>;
  prepareBurst(spec: BurstSpec, options: { connection: ConnectionMode; signal: AbortSignal }): Promise<PreparedBurst>;
}

/**
 * What was sent, written down before it is sent, so a run killed at any point can be resumed
 * without sending anything twice. Each method returns once its entry is in the operating system's
 * hands (a kill -9 cannot lose it); a write failure throws and fails the run. Never called inside
 * a burst's firing loop.
 */
export interface DispatchJournal {
  /** A calibration to reuse on resume; written before the sub-experiment's first round. */
  calibrated(calibration: CalibrationResult): void;
  /** The sub-experiment's rounds are timed from `startMs` (run timeline); once per sub-experiment and run segment (a resume moves it). */
  subStarted(subExperimentIndex: number, startMs: number): void;
  /** The round's bursts are about to fire (shortly before they are due). */
  willFire(bursts: readonly BurstSpec[]): void;
  /** The round was announced but the run stopped before it fired: nothing of it left. */
  cancelled(bursts: readonly BurstSpec[]): void;
}

/** Where a resumed study picks up (see runner/engine/resume-plan.ts). */
export interface StudyResume {
  /** Calibrations recorded before, by sub-experiment index: reused, not redone. */
  readonly calibrations: ReadonlyMap<number, CalibrationResult>;
  /** Burst ids already dispatched, by sub-experiment index: their rounds are not sent again. */
  readonly dispatched: ReadonlyMap<number, ReadonlySet<number>>;
  /**
   * Start of each sub-experiment that had started, on the run timeline, moved so that its
   * remaining rounds keep their planned offsets and the first of them falls after the resume.
   */
  readonly startMs: ReadonlyMap<number, number>;
}
