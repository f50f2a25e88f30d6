import type * as pulumi from '@pulumi/pulumi';
import type { ResolvedSubExperiment } from '../../experiments/schema/index.js';
import { ENV } from '../../measurement-functions/core/config.js';
import { gcpCapabilities } from './capabilities.js';

/**
 * How a sub-experiment's settings become a Cloud Run functions `serviceConfig`. Pure, so the
 * rules can be read and tested without Pulumi.
 */

/** Room past the longest spin for the rest of a request: reading it, answering it, a cold start. */
export const TIMEOUT_MARGIN_SECONDS = 30;

/** The platform cuts a request off after this; it must never cut off a spin the function allows. */
export function timeoutSeconds(maxSpinMs: number): number {
  return Math.ceil(maxSpinMs / 1000) + TIMEOUT_MARGIN_SECONDS;
}

/** Cloud Run functions' memory tiers are binary (128 MiB, 256 MiB, ...), as memoryMb is. */
export function availableMemory(memoryMb: number): string {
  return `${memoryMb}Mi`;
}

/** What a function gets when it sets no maximum. */
export const DEFAULT_MAX_INSTANCES = 100;

/**
 * With one request per instance, a burst of N needs N instances of one function, more when it
 * meets instances still busy with the previous burst. Never below the platform's default, so
 * such overlaps are served as on an untuned function rather than queued (which would inflate
 * the latency measured) or refused with 429; raised when one burst alone needs more.
 */
export function maxInstanceCount(sub: ResolvedSubExperiment): number {
  return Math.max(DEFAULT_MAX_INSTANCES, ...sub.burstSizes);
}

/** The FAASBENCH_* environment the adapters read (measurement-functions/core/config.ts). */
export function functionEnvironment(
  sub: ResolvedSubExperiment,
  region: string,
  token: pulumi.Input<string>,
): Record<string, pulumi.Input<string>> {
  return {
    [ENV.token]: token,
    [ENV.vendor]: 'gcp',
    [ENV.region]: region,
    [ENV.runtime]: sub.runtime,
    [ENV.memoryMb]: String(sub.memoryMb),
    [ENV.maxSpinMs]: String(gcpCapabilities.maxSpinMs),
    [ENV.maxPayloadBytes]: String(gcpCapabilities.maxPayloadBytes),
  };
}

/** Cloud Run functions' longest timeout for an HTTP function. */
export const MAX_TIMEOUT_SECONDS = 3600;

/**
 * Timeout of a chain hop: it also waits up to the sub-experiment's requestTimeoutMs for the next
 * hop (FAASBENCH_CHAIN_NEXT_TIMEOUT_MS), and must outlast that wait so its answer carries what it
 * measured rather than the platform's bare 504.
 */
export function chainTimeoutSeconds(requestTimeoutMs: number): number {
  return Math.min(MAX_TIMEOUT_SECONDS, Math.max(timeoutSeconds(gcpCapabilities.maxSpinMs), Math.ceil(requestTimeoutMs / 1000) + TIMEOUT_MARGIN_SECONDS));
}
