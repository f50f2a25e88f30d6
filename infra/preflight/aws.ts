import type { ResolvedExperiment } from '../../experiments/schema/resolved.js';
import { AWS_QUOTAS } from '../aws/quotas.js';
import { peakDemand } from './demand.js';
import type { PreflightFinding } from './finding.js';

export interface AwsLimits {
  readonly concurrency: number;
  readonly region: string;
}

export const AWS_DEFAULT_LIMITS: Omit<AwsLimits, 'region'> = { concurrency: AWS_QUOTAS.concurrency.defaultLimit };

/**
 * Lambda concurrency: every request in flight holds one execution environment. A round larger
 * than the account's concurrency is throttled (HTTP 429 rows) for certain; rounds of parallel
 * sub-experiments that may meet, possibly.
 */
export function checkAws(experiments: readonly ResolvedExperiment[], limits: AwsLimits): PreflightFinding[] {
  const demand = peakDemand(experiments);
  const base = {
    vendor: 'aws' as const,
    quota: `Lambda concurrent executions in ${limits.region}`,
    limit: limits.concurrency,
    setting: AWS_QUOTAS.concurrency.setting,
    howToRaise: AWS_QUOTAS.concurrency.howToRaise,
  };
  if (demand.certain > limits.concurrency) return [{ ...base, level: 'refuse', asked: demand.certain, why: demand.certainWhere }];
  if (demand.possible > limits.concurrency) return [{ ...base, level: 'warn', asked: demand.possible, why: demand.possibleWhere }];
  return [];
}
