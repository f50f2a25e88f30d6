import type * as cloudflare from '@pulumi/cloudflare';
import type * as pulumi from '@pulumi/pulumi';
import type { ResolvedSubExperiment } from '../../experiments/schema/index.js';
import { ENV } from '../../measurement-functions/core/index.js';
import { cloudflareCapabilities } from './capabilities.js';
import { spinCapMs } from './cpu-limits.js';

/**
 * The region a Worker is deployed to: none in particular. Each response names the colo that
 * served it instead (see measurement-functions/cloudflare/handler.ts).
 */
export const WORKER_REGION = 'global';

/** The FAASBENCH_* settings the measurement core reads (measurement-functions/core/config.ts), token aside. */
export function workerVariables(sub: ResolvedSubExperiment, plan: 'paid' | 'free' = 'paid'): Record<string, string> {
  return {
    [ENV.vendor]: 'cloudflare',
    [ENV.region]: WORKER_REGION,
    [ENV.runtime]: sub.runtime,
    [ENV.memoryMb]: String(sub.memoryMb),
    [ENV.maxSpinMs]: String(spinCapMs(plan)),
    [ENV.maxPayloadBytes]: String(cloudflareCapabilities.maxPayloadBytes),
  };
}

/**
 * The script's bindings: every setting as plain_text and the stack's token as secret_text, which
 * Cloudflare keeps write-only (it never shows it again in the dashboard or the API), while the
 * token Output, being secret, keeps it encrypted in the Pulumi state.
 */
export function workerBindings(
  sub: ResolvedSubExperiment,
  token: pulumi.Output<string>,
  plan: 'paid' | 'free' = 'paid',
): cloudflare.types.input.WorkersScriptBinding[] {
  const settings = Object.entries(workerVariables(sub, plan)).map(([name, text]) => ({ name, type: 'plain_text', text }));
  return [...settings, { name: ENV.token, type: 'secret_text', text: token }];
}
