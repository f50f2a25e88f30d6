import type { ResolvedExperiment } from '../../experiments/schema/resolved.js';
import { GCP_QUOTAS } from '../gcp/quotas.js';
import { breakdown, deployedFunctions, endpointCount } from './demand.js';
import type { PreflightFinding } from './finding.js';

export interface GcpLimits {
  readonly region: string;
  readonly functions: number;
  readonly concurrentBuilds: number;
}

export const GCP_DEFAULT_LIMITS: Omit<GcpLimits, 'region'> = {
  functions: GCP_QUOTAS.functions.defaultLimit,
  concurrentBuilds: GCP_QUOTAS.concurrentBuilds.defaultLimit,
};

/**
 * One function (a Cloud Run service) per endpoint, each built on its own by Cloud Build: more
 * functions than the region holds is refused; more builds than Cloud Build runs at once is a
 * warning, since the rest wait in its queue.
 */
export function checkGcp(experiments: readonly ResolvedExperiment[], limits: GcpLimits): PreflightFinding[] {
  const functions = endpointCount(experiments);
  const why = `one function per endpoint, one per hop of a chain: ${breakdown(experiments, deployedFunctions)}`;
  if (functions > limits.functions) {
    return [
      {
        level: 'refuse',
        vendor: 'gcp',
        quota: `Cloud Run functions in ${limits.region}`,
        asked: functions,
        limit: limits.functions,
        why,
        setting: GCP_QUOTAS.functions.setting,
        howToRaise: GCP_QUOTAS.functions.howToRaise,
      },
    ];
  }
  if (functions > limits.concurrentBuilds) {
    return [
      {
        level: 'warn',
        vendor: 'gcp',
        quota: 'Cloud Build concurrent builds (a first `pulumi up` builds every function at once)',
        asked: functions,
        limit: limits.concurrentBuilds,
        why,
        setting: GCP_QUOTAS.concurrentBuilds.setting,
        howToRaise: GCP_QUOTAS.concurrentBuilds.howToRaise,
      },
    ];
  }
  return [];
}
