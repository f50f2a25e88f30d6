import type { ResolvedExperiment } from '../../experiments/schema/resolved.js';
import { CLOUDFLARE_QUOTAS } from '../cloudflare/quotas.js';
import { breakdown, deployedFunctions, endpointCount } from './demand.js';
import type { PreflightFinding } from './finding.js';

export interface CloudflareLimits {
  readonly plan: 'paid' | 'free';
  readonly scripts: number;
}

export function cloudflareDefaultLimits(plan: 'paid' | 'free'): CloudflareLimits {
  return { plan, scripts: CLOUDFLARE_QUOTAS.scripts.defaultLimit[plan] };
}

/**
 * Scripts per account: one per endpoint (a chain's length per endpoint), counted over every
 * Cloudflare experiment of the stack, since the limit is the account's, not a sub-experiment's.
 */
export function checkCloudflare(experiments: readonly ResolvedExperiment[], limits: CloudflareLimits): PreflightFinding[] {
  const scripts = endpointCount(experiments);
  if (scripts <= limits.scripts) return [];
  return [
    {
      level: 'refuse',
      vendor: 'cloudflare',
      quota: `Workers scripts per account (Workers ${limits.plan === 'paid' ? 'Paid' : 'Free'})`,
      asked: scripts,
      limit: limits.scripts,
      why: `one script per endpoint and chain hop: ${breakdown(experiments, deployedFunctions)}`,
      setting: CLOUDFLARE_QUOTAS.scripts.setting,
      howToRaise: CLOUDFLARE_QUOTAS.scripts.howToRaise,
    },
  ];
}
