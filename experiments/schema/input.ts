import { z } from 'zod';
import { VENDORS } from '../../infra/vendors.js';
import { ChainInput } from './chain.js';

/**
 * The experiment file as a user writes it. Every object is strict (unknown keys are refused, so a
 * typo never silently falls back to a default); omitted fields get their defaults in `resolve.ts`,
 * once, because several defaults depend on the vendor.
 */

const positiveMs = z.number().positive().max(86_400_000);

/**
 * Caps on free text: every string ends up in experiment.resolved.json, run.log and the report, so
 * a runaway value (a pasted log, a generated file gone wrong) must not balloon them.
 */
export const MAX_DESCRIPTION_CHARS = 4_000;
export const MAX_NAME_CHARS = 200;
const nonNegativeMs = z.number().min(0).max(86_400_000);

export const IatInput = z.discriminatedUnion('distribution', [
  z
    .strictObject({
      distribution: z.literal('fixed'),
      /** Every gap between rounds is exactly this long. */
      ms: nonNegativeMs,
    })
    .describe('Every inter-arrival time is `ms`.'),
  z
    .strictObject({
      distribution: z.literal('exponential'),
      /** Mean gap; the gaps form a Poisson arrival process. */
      meanMs: positiveMs,
    })
    .describe('Exponential inter-arrival times with mean `meanMs` (Poisson arrivals).'),
  z
    .strictObject({
      distribution: z.literal('shifted-exponential'),
      /** Smallest possible gap. */
      shiftMs: nonNegativeMs.optional(),
      /** Mean of the exponential part added to the shift; the mean gap is shiftMs + scaleMs. */
      scaleMs: positiveMs.optional(),
      /**
       * STeLLAR's parametrisation: gap = IAT + ln(IAT)·E seconds with E ~ Exp(1), truncated to whole
       * milliseconds. Give this instead of shiftMs/scaleMs to reproduce a STeLLAR study.
       */
      stellarIatSeconds: z.number().gt(1).max(86_400).optional(),
    })
    .describe('shift + Exp(scale); or STeLLAR\'s "stochastic" IAT via `stellarIatSeconds`.'),
  z
    .strictObject({
      distribution: z.literal('uniform'),
      minMs: nonNegativeMs,
      maxMs: nonNegativeMs,
    })
    .describe('Inter-arrival times uniform in [minMs, maxMs).'),
]);
export type IatInput = z.infer<typeof IatInput>;

export const SubExperimentInput = z.strictObject({
  /** Names the sub-experiment in results; unique within the file. */
  title: z.string().trim().min(1).max(80),
  /** Total bursts over all endpoints of the sub-experiment (as STeLLAR counts them). */
  bursts: z.int().min(1).max(1_000_000),
  /** Requests per burst, taken in turn per round: [1, 5] sends 1, 5, 1, 5, ... */
  burstSizes: z.array(z.int().min(1).max(5_000)).min(1),
  iat: IatInput,
  /** Busy time each request asks the function for, in ms, taken in turn per round. */
  desiredServiceTimesMs: z.array(z.number().min(0).max(600_000)).min(1).optional(),
  /** `cycle` repeats the list; `step` walks it once and then keeps the last value (STeLLAR). */
  serviceTimeOrder: z.enum(['cycle', 'step']).optional(),
  /** Identical endpoints (separate functions) deployed for this sub-experiment. */
  parallelism: z.int().min(1).max(1_000).optional(),
  runtime: z.string().min(1).max(MAX_NAME_CHARS).optional(),
  memoryMb: z.int().min(1).optional(),
  /** Target size of the deployed zip in MiB (2^20 bytes); 0 deploys just the code. */
  packageSizeMb: z.number().min(0).max(4_000).optional(),
  /** Bytes sent as the request body of every request. */
  payloadBytes: z.int().min(0).optional(),
  /** `fresh` opens a new connection (and TLS session) per request; `keep-alive` reuses them. */
  connection: z.enum(['fresh', 'keep-alive']).optional(),
  /** A request still unanswered after this long is recorded as a timeout. */
  requestTimeoutMs: z.int().min(1).max(900_000).optional(),
  /**
   * Latency at or above which a response counts as cold when the function cannot say so itself
   * (only then: the function's own coldStart flag always wins).
   */
  coldThresholdMs: z.number().positive().optional(),
  /**
   * A first request whose instance finished its init at least this long before the handler
   * started counts as `cold-preinit` (initialised ahead by the platform), not `cold`.
   */
  preinitThresholdMs: positiveMs.optional(),
  /**
   * Which addresses of an endpoint's name requests go to: `ipv4` (A records), `ipv6` (AAAA), or
   * `any` (the family of the first answer, kept for the whole run). One family per run, so one
   * network path per sample.
   */
  addressFamily: z.enum(['ipv4', 'ipv6', 'any']).optional(),
  /**
   * A data-transfer chain instead of one function per endpoint: every endpoint is the first of
   * `length` deployed functions, and each passes the payload on to the next (Node.js runtimes).
   */
  chain: ChainInput.optional(),
});
export type SubExperimentInput = z.infer<typeof SubExperimentInput>;

/**
 * A keep-alive study: P(cold | idle time) at each idle time, expanded at resolve time into one
 * ordinary sub-experiment per idle time (fixed IAT, bursts of one, as many replicas as the samples
 * need within the wall budget; experiments/schema/keep-alive-plan.ts). Every other field is a
 * sub-experiment's and applies to all of them; the schedule's fields are the study's to set, and
 * no spin is sent (so no calibration request reaches a replica before its first round).
 */
export const KeepAliveInput = SubExperimentInput.omit({
  title: true,
  bursts: true,
  burstSizes: true,
  iat: true,
  parallelism: true,
  desiredServiceTimesMs: true,
  serviceTimeOrder: true,
}).extend({
  /** Idle times to sample, distinct, in whole ms (at most a day each). */
  idleTimesMs: z.array(z.int().min(1).max(86_400_000)).min(1).max(100),
  /** Samples wanted at each idle time; a replica's first request is no sample. */
  samplesPerIdle: z.int().min(1).max(10_000),
  /** Longest any idle time's schedule may last (they run side by side); at most a week. */
  wallBudgetMs: z.int().min(1).max(604_800_000),
});
export type KeepAliveInput = z.infer<typeof KeepAliveInput>;

export const LocalPlatformInput = z.strictObject({
  /** An instance idle this long is stopped; the next request then meets a cold start. */
  keepAliveMs: z.int().min(1).max(3_600_000).optional(),
  /** Instances one function may run at once; requests beyond wait in a queue. */
  maxInstancesPerFunction: z.int().min(1).max(256).optional(),
  /** Instances started ahead of requests, as platforms that initialise instances ahead do. */
  prewarm: z
    .strictObject({
      /** Per function, started at deploy, before any request; they wait for their first request without a keep-alive limit. */
      instances: z.int().min(1).max(256),
      /** Start a replacement whenever one of them takes its first request (default true). */
      replenish: z.boolean().optional(),
    })
    .optional(),
});
export type LocalPlatformInput = z.infer<typeof LocalPlatformInput>;

export const ExperimentInput = z.strictObject({
  /** Optional pointer to the JSON Schema for editors; ignored by faasbench. */
  $schema: z.string().max(MAX_NAME_CHARS).optional(),
  title: z.string().trim().min(1).max(80),
  description: z.string().max(MAX_DESCRIPTION_CHARS).optional(),
  vendor: z.enum(VENDORS).optional(),
  /** `parallel` starts all sub-experiments together; `sequential` runs them one after another. */
  execution: z.enum(['parallel', 'sequential']).optional(),
  /** Seeds every random choice (IATs); recorded with the results. Drawn at random if omitted. */
  seed: z.int().min(0).max(0xffff_ffff).optional(),
  /** Settings of the embedded local platform; only with vendor `local`. */
  local: LocalPlatformInput.optional(),
  /** Required unless `keepAlive` makes them. */
  subExperiments: z.array(SubExperimentInput).min(1).max(1_000).optional(),
  /** A keep-alive study instead of `subExperiments`. */
  keepAlive: KeepAliveInput.optional(),
});
export type ExperimentInput = z.infer<typeof ExperimentInput>;
