import type { Vendor } from '../../infra/vendors.js';

/**
 * The experiment after parsing and defaulting: complete, typed, read-only. Everything downstream
 * (infra, runner, reports) works from this and never re-checks or re-defaults.
 */

export type ResolvedIat =
  | { readonly distribution: 'fixed'; readonly ms: number }
  | { readonly distribution: 'exponential'; readonly meanMs: number }
  | {
      readonly distribution: 'shifted-exponential';
      readonly shiftMs: number;
      readonly scaleMs: number;
      /** `stellar` samples are truncated to whole ms, as STeLLAR's Go code does. */
      readonly parametrisation: 'native' | 'stellar';
    }
  | { readonly distribution: 'uniform'; readonly minMs: number; readonly maxMs: number };

export type ConnectionMode = 'fresh' | 'keep-alive';

/** Which address family requests use: IPv4, IPv6, or the first DNS answer's family for the whole run. */
export type AddressFamilyMode = 'ipv4' | 'ipv6' | 'any';

export interface ResolvedSubExperiment {
  /** Position in the file; stable key for seeds, results and stack outputs. */
  readonly index: number;
  readonly title: string;
  readonly bursts: number;
  readonly burstSizes: readonly number[];
  readonly iat: ResolvedIat;
  readonly desiredServiceTimesMs: readonly number[];
  readonly serviceTimeOrder: 'cycle' | 'step';
  readonly parallelism: number;
  readonly runtime: string;
  readonly memoryMb: number;
  readonly packageSizeMb: number;
  readonly payloadBytes: number;
  readonly connection: ConnectionMode;
  readonly requestTimeoutMs: number;
  /** null: no latency fallback; responses without a coldStart flag are classed `unknown`. */
  readonly coldThresholdMs: number | null;
  /** A first request this long or longer after its instance's init ended is `cold-preinit`. */
  readonly preinitThresholdMs: number;
  readonly addressFamily: AddressFamilyMode;
  /** null: one function per endpoint; else each endpoint is hop 0 of a chain of `length` functions. */
  readonly chain: ResolvedChain | null;
}

/** A data-transfer chain (experiments/schema/chain.ts). */
export interface ResolvedChain {
  /** Deployed functions per chain, hop 0 (the producer) included. */
  readonly length: number;
  readonly transfer: 'inline' | 'storage';
  /** Bytes passed from each hop to the next. */
  readonly payloadBytes: number;
}

export interface ResolvedLocalPlatform {
  readonly keepAliveMs: number;
  readonly maxInstancesPerFunction: number;
  /** null: instances start only when a request needs one. */
  readonly prewarm: ResolvedPrewarm | null;
}

export interface ResolvedPrewarm {
  /** Per function, started at deploy. */
  readonly instances: number;
  /** Replace each one when it takes its first request. */
  readonly replenish: boolean;
}

/** One idle time of a keep-alive study and the sub-experiment that samples it. */
export interface ResolvedKeepAliveIdle {
  readonly idleMs: number;
  readonly subExperimentIndex: number;
  readonly subExperimentTitle: string;
  readonly replicas: number;
  readonly samplesPerReplica: number;
  /** replicas × samplesPerReplica: every request after a replica's first. */
  readonly samples: number;
  /** replicas × (samplesPerReplica + 1). */
  readonly requests: number;
  /** (samplesPerReplica + 1) × idleMs. */
  readonly scheduleMs: number;
}

/** What a file's `keepAlive` block asked for and the sub-experiments it became. */
export interface ResolvedKeepAliveStudy {
  readonly samplesPerIdle: number;
  readonly wallBudgetMs: number;
  /** Ascending by idle time; sub-experiment i samples idleTimes[i]. */
  readonly idleTimes: readonly ResolvedKeepAliveIdle[];
  readonly totalRequests: number;
  /** The longest idle time's schedule: the study's, since its sub-experiments run side by side. */
  readonly scheduleMs: number;
}

export interface ResolvedExperiment {
  /** The file it came from, as given (relative paths stay relative to the working directory). */
  readonly file: string;
  /** `faasbench` for native files, `stellar` for converted STeLLAR files. */
  readonly format: 'faasbench' | 'stellar';
  readonly title: string;
  readonly description: string;
  readonly vendor: Vendor;
  readonly execution: 'parallel' | 'sequential';
  readonly seed: number;
  /** True when the file gave no seed and one was drawn for this run. */
  readonly seedGenerated: boolean;
  /** Present exactly when vendor is `local`. */
  readonly local: ResolvedLocalPlatform | null;
  readonly subExperiments: readonly ResolvedSubExperiment[];
  /** Present exactly when the file is a keep-alive study (its `keepAlive` block made the sub-experiments). */
  readonly keepAlive: ResolvedKeepAliveStudy | null;
  /** Fields of a converted file that have no effect, or a changed one, each as a sentence. */
  readonly conversionNotes: readonly string[];
}
