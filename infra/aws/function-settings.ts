import type * as pulumi from '@pulumi/pulumi';
import type { ResolvedSubExperiment } from '../../experiments/schema/index.js';
import { ENV } from '../../measurement-functions/core/index.js';
import { awsCapabilities } from './capabilities.js';

/**
 * Time a function gets beyond the longest spin it accepts: module load on a cold start, reading
 * the payload and writing the response. Lambda ends an invocation at its timeout with a 502, so
 * this must never be what stops a legitimate request.
 */
export const TIMEOUT_MARGIN_MS = 30_000;

/** Lambda `timeout`, in whole seconds, for a function that spins at most `maxSpinMs`. */
export function timeoutSeconds(maxSpinMs: number = awsCapabilities.maxSpinMs): number {
  return Math.ceil((maxSpinMs + TIMEOUT_MARGIN_MS) / 1000);
}

/**
 * Days the function logs are kept. The log group is destroyed with the stack anyway; the short
 * retention only bounds what a long-lived stack accumulates.
 */
export const LOG_RETENTION_DAYS = 3;

export function logGroupName(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

/**
 * The FAASBENCH_* variables the measurement core reads (see measurement-functions/core/config.ts).
 * The token stays the stack's secret Output, so Pulumi stores the environment encrypted.
 */
export function functionEnvironment(
  sub: ResolvedSubExperiment,
  region: string,
  token: pulumi.Output<string>,
): Record<string, pulumi.Input<string>> {
  return {
    [ENV.token]: token,
    [ENV.vendor]: 'aws',
    [ENV.region]: region,
    [ENV.runtime]: sub.runtime,
    [ENV.memoryMb]: String(sub.memoryMb),
    [ENV.maxSpinMs]: String(awsCapabilities.maxSpinMs),
    [ENV.maxPayloadBytes]: String(awsCapabilities.maxPayloadBytes),
  };
}

/** Lambda's longest timeout. */
export const MAX_TIMEOUT_SECONDS = 900;

/**
 * Timeout of a chain hop: it also waits up to the sub-experiment's requestTimeoutMs for the next
 * hop (FAASBENCH_CHAIN_NEXT_TIMEOUT_MS), and must outlast that wait so its answer carries what it
 * measured rather than Lambda's bare 502.
 */
export function chainTimeoutSeconds(requestTimeoutMs: number): number {
  return Math.min(MAX_TIMEOUT_SECONDS, Math.max(timeoutSeconds(), Math.ceil((requestTimeoutMs + TIMEOUT_MARGIN_MS) / 1000)));
}
