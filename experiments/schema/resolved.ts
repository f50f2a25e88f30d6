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
  /** Fields of a converted file that have no effect, or a changed one, each as a sentence. */
  readonly conversionNotes: readonly string[];
}
