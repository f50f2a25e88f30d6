import { z } from 'zod';
import type { ResolvedSubExperiment } from '../experiments/schema/resolved.js';
import { VENDORS } from './vendors.js';

/**
 * The stack outputs: what `pulumi up` exports and `npm run bench` reads, either from
 * `pulumi stack output --json --show-secrets` or from a saved copy (`--outputs FILE`). The local
 * platform produces the same shape in memory. Pure data: the runner imports this without Pulumi.
 */

export const OUTPUTS_FORMAT_VERSION = 1;

export const EndpointOutput = z.strictObject({
  /** Public HTTPS address of the function (http://127.0.0.1 on the local platform). */
  url: z.url({ protocol: /^https?$/ }),
  vendor: z.enum(VENDORS),
  region: z.string().min(1),
  /** faasbench runtime name as in the experiment file. */
  runtime: z.string().min(1),
  memoryMb: z.int().positive(),
  /** Exact size of the deployed package: the zip, or on Cloudflare the script upload (code + filler module). */
  packageBytes: z.int().nonnegative(),
  /** 0-based replica number within the sub-experiment's parallelism. */
  replica: z.int().nonnegative(),
  /** The vendor's name for the function (Lambda name, Function App name, script name, ...). */
  functionName: z.string().min(1),
});
export type EndpointOutput = z.infer<typeof EndpointOutput>;

export const SubExperimentOutput = z.strictObject({
  index: z.int().nonnegative(),
  title: z.string().min(1),
  /** What was deployed, so the runner can refuse to run a file that changed since `pulumi up`. */
  deployed: z.strictObject({
    runtime: z.string().min(1),
    memoryMb: z.int().positive(),
    packageSizeMb: z.number().nonnegative(),
    parallelism: z.int().positive(),
    /**
     * Set for a chain: each endpoint is hop 0 of `length` functions wired for `transfer`. Absent
     * (outputs written before chains existed) means none.
     */
    chain: z.strictObject({ length: z.int().min(2), transfer: z.enum(['inline', 'storage']) }).nullable().optional(),
  }),
  endpoints: z.array(EndpointOutput).min(1),
});
export type SubExperimentOutput = z.infer<typeof SubExperimentOutput>;

/** The fields of a sub-experiment that decide what is deployed; any other field may change after `pulumi up`. */
export const DEPLOYED_FIELDS = ['runtime', 'memoryMb', 'packageSizeMb', 'parallelism'] as const;

/** The deployed chain as one comparable string: what a file must still ask for to use the endpoints. */
export function deployedChainText(chain: { length: number; transfer: string } | null | undefined): string {
  return chain == null ? 'no chain' : `a chain of ${chain.length} (${chain.transfer})`;
}

/** A sub-experiment's outputs, as every platform (and the local one) reports them. */
export function subExperimentOutput(sub: ResolvedSubExperiment, endpoints: readonly EndpointOutput[]): SubExperimentOutput {
  return {
    index: sub.index,
    title: sub.title,
    deployed: {
      runtime: sub.runtime,
      memoryMb: sub.memoryMb,
      packageSizeMb: sub.packageSizeMb,
      parallelism: sub.parallelism,
      chain: sub.chain === null ? null : { length: sub.chain.length, transfer: sub.chain.transfer },
    },
    endpoints: [...endpoints],
  };
}

export const ExperimentOutput = z.strictObject({
  /** The experiment file as named in the stack config, relative to the project root. */
  file: z.string().min(1),
  title: z.string().min(1),
  vendor: z.enum(VENDORS),
  subExperiments: z.array(SubExperimentOutput).min(1),
});
export type ExperimentOutput = z.infer<typeof ExperimentOutput>;

/** Top level of `pulumi stack output --json --show-secrets`; other outputs a user adds are ignored. */
export const StackOutputs = z.object({
  formatVersion: z.literal(OUTPUTS_FORMAT_VERSION),
  experiments: z.array(ExperimentOutput).min(1),
  /** The stack's secret token; every request carries it. Never written to logs or results. */
  token: z.string().min(16),
});
export type StackOutputs = z.infer<typeof StackOutputs>;
