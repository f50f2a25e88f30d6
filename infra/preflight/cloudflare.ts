import type { ResolvedExperiment } from '../../experiments/schema/resolved.js';
import { CLOUDFLARE_QUOTAS } from '../cloudflare/quotas.js';
import type { ResolvedSubExperiment } from '../../experiments/schema/resolved.js';
import { breakdown } from './demand.js';
import type { PreflightFinding } from './finding.js';

export interface CloudflareLimits {
  readonly plan: 'paid' | 'free';
  readonly scripts: number;
}

export function cloudflareDefaultLimits(plan: 'paid' | 'free'): CloudflareLimits {
  return { plan, scripts: CLOUDFLARE_QUOTAS.scripts.defaultLimit[plan] };
}

/** Scripts one sub-experiment deploys: one per endpoint, or a chain's length per endpoint. */
function scriptsOf(sub: ResolvedSubExperiment): number {
  return sub.parallelism * (sub.chain?.length ?? 1);
}

/**
 * Scripts per account: one per endpoint (a chain's length per endpoint), counted over every
 * Cloudflare experiment of the stack, since the limit is the account's, not a sub-experiment's.
 */
export function checkCloudflare(experiments: readonly ResolvedExperiment[], limits: CloudflareLimits): PreflightFinding[] {
  const scripts = experiments.reduce((sum, e) => sum + e.subExperiments.reduce((s, sub) => s + scriptsOf(sub), 0), 0);
  if (scripts <= limits.scripts) return [];
  return [
    {
      level: 'refuse',
      vendor: 'cloudflare',
      quota: `Workers scripts per account (Workers ${limits.plan === 'paid' ? 'Paid' : 'Free'})`,
      asked: scripts,
      limit: limits.scripts,
      why: `one script per endpoint and chain hop: ${breakdown(experiments, (e) => e.subExperiments.reduce((s, sub) => s + scriptsOf(sub), 0))}`,
      setting: CLOUDFLARE_QUOTAS.scripts.setting,
      howToRaise: CLOUDFLARE_QUOTAS.scripts.howToRaise,
    },
  ];
}
