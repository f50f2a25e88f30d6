import type * as cloudflare from '@pulumi/cloudflare';
import type * as pulumi from '@pulumi/pulumi';
import type { ResolvedSubExperiment } from '../../experiments/schema/index.js';
import { NEXT_HOP_BINDING } from '../../measurement-functions/chain/chain-env.js';
import { ENV } from '../../measurement-functions/core/index.js';
import { R2_BINDING } from '../../measurement-functions/storage/store-env.js';
import { chainHopEnv } from '../chain-hops.js';
import { cloudflareCapabilities } from './capabilities.js';
import { spinCapMs } from './cpu-limits.js';

/**
 * The region a Worker is deployed to: none in particular. Each response names the colo that
 * served it instead (see measurement-functions/cloudflare/handler.ts).
 */
export const WORKER_REGION = 'global';

/** What makes one script a hop of a chain: its position and what it is bound to. */
export interface WorkerHop {
  readonly position: number;
  /** The next hop's script name, bound as NEXT_HOP; null on the last hop. */
  readonly nextScriptName: pulumi.Input<string> | null;
  /** The stack's transfer bucket, bound as TRANSFER_BUCKET; null on inline chains. */
  readonly bucketName: pulumi.Input<string> | null;
}

/**
 * The FAASBENCH_* settings the measurement core reads (measurement-functions/core/config.ts),
 * token aside, plus a chain hop's settings at `position`. No next-hop URL: Workers of one account
 * cannot fetch each other's workers.dev hosts, so the next hop is the NEXT_HOP service binding.
 */
export function workerVariables(sub: ResolvedSubExperiment, plan: 'paid' | 'free' = 'paid', position: number | null = null): Record<string, string> {
  return {
    [ENV.vendor]: 'cloudflare',
    [ENV.region]: WORKER_REGION,
    [ENV.runtime]: sub.runtime,
    [ENV.memoryMb]: String(sub.memoryMb),
    [ENV.maxSpinMs]: String(spinCapMs(plan)),
    [ENV.maxPayloadBytes]: String(cloudflareCapabilities.maxPayloadBytes),
    ...(sub.chain === null || position === null ? {} : chainHopEnv(sub, 'cloudflare', position, null)),
  };
}

/**
 * The script's bindings: every setting as plain_text and the stack's token as secret_text, which
 * Cloudflare keeps write-only (it never shows it again in the dashboard or the API), while the
 * token Output, being secret, keeps it encrypted in the Pulumi state. A chain hop also gets a
 * service binding to the next hop's script (the whole allow-list of what it may call) and, on a
 * storage chain, the R2 binding to the one transfer bucket: no credentials, no other bucket.
 */
export function workerBindings(
  sub: ResolvedSubExperiment,
  token: pulumi.Output<string>,
  plan: 'paid' | 'free' = 'paid',
  hop: WorkerHop | null = null,
): cloudflare.types.input.WorkersScriptBinding[] {
  const settings = Object.entries(workerVariables(sub, plan, hop?.position ?? null)).map(([name, text]) => ({ name, type: 'plain_text', text }));
  const chain: cloudflare.types.input.WorkersScriptBinding[] = [];
  if (hop?.nextScriptName != null) chain.push({ name: NEXT_HOP_BINDING, type: 'service', service: hop.nextScriptName });
  if (hop?.bucketName != null) chain.push({ name: R2_BINDING, type: 'r2_bucket', bucketName: hop.bucketName });
  return [...settings, { name: ENV.token, type: 'secret_text', text: token }, ...chain];
}
