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
