/**
 * Quotas before money: what a stack asks of each vendor's account limits, checked before
 * anything is created. `pulumi up` refuses what certainly exceeds a limit and warns about what
 * may; `npm run bench -- --dry-run` prints the same against the vendors' default limits. Pure:
 * no Pulumi, so the runner imports it too.
 */
import type { ResolvedExperiment } from '../../experiments/schema/resolved.js';
import type { StackConfig } from '../config.js';
import type { CloudVendor } from '../vendors.js';
import { AWS_DEFAULT_LIMITS, type AwsLimits, checkAws } from './aws.js';
import { AZURE_DEFAULT_LIMITS, type AzureLimits, checkAzure } from './azure.js';
import { checkCloudflare, type CloudflareLimits, cloudflareDefaultLimits } from './cloudflare.js';
import type { PreflightFinding } from './finding.js';
import { checkGcp, GCP_DEFAULT_LIMITS, type GcpLimits } from './gcp.js';

export { formatFinding, type PreflightFinding } from './finding.js';
export { endpointCount, peakDemand } from './demand.js';
export { checkAws, checkAzure, checkCloudflare, checkGcp };
export type { AwsLimits, AzureLimits, CloudflareLimits, GcpLimits };

export interface AccountLimits {
  readonly aws: AwsLimits;
  readonly azure: AzureLimits;
  readonly gcp: GcpLimits;
  readonly cloudflare: CloudflareLimits;
}

/** Every vendor's default limits, in a region nobody named: what `--dry-run` checks against. */
export function defaultLimits(): AccountLimits {
  return {
    aws: { ...AWS_DEFAULT_LIMITS, region: 'the region' },
    azure: { ...AZURE_DEFAULT_LIMITS, location: 'the location' },
    gcp: { ...GCP_DEFAULT_LIMITS, region: 'the region' },
    cloudflare: cloudflareDefaultLimits('paid'),
  };
}

/** The limits a stack's config says its accounts have: the defaults, raised where it says so. */
export function limitsFromConfig(config: StackConfig): AccountLimits {
  const defaults = defaultLimits();
  const cloudflare = cloudflareDefaultLimits(config.cloudflare?.plan ?? 'paid');
  return {
    aws: {
      region: config.aws?.region ?? defaults.aws.region,
      concurrency: config.aws?.concurrencyLimit ?? defaults.aws.concurrency,
    },
    azure: {
      plan: config.azure?.plan ?? defaults.azure.plan,
      location: config.azure?.location ?? defaults.azure.location,
      consumptionPlans: config.azure?.plansPerRegionLimit ?? defaults.azure.consumptionPlans,
      flexMemoryMb: config.azure?.flexMemoryLimitMb ?? defaults.azure.flexMemoryMb,
      flexPerInstanceConcurrency: config.azure?.flex?.perInstanceConcurrency ?? defaults.azure.flexPerInstanceConcurrency,
    },
    gcp: {
      region: config.gcp?.region ?? defaults.gcp.region,
      functions: config.gcp?.functionsPerRegionLimit ?? defaults.gcp.functions,
      concurrentBuilds: config.gcp?.concurrentBuildsLimit ?? defaults.gcp.concurrentBuilds,
    },
    cloudflare: { ...cloudflare, scripts: config.cloudflare?.scriptLimit ?? cloudflare.scripts },
  };
}

const CHECKS: { readonly [V in CloudVendor]: (experiments: readonly ResolvedExperiment[], limits: AccountLimits) => PreflightFinding[] } = {
  aws: (experiments, limits) => checkAws(experiments, limits.aws),
  azure: (experiments, limits) => checkAzure(experiments, limits.azure),
  gcp: (experiments, limits) => checkGcp(experiments, limits.gcp),
  cloudflare: (experiments, limits) => checkCloudflare(experiments, limits.cloudflare),
};

/** Every finding for `experiments` (all of one stack, any vendors), refusals first. */
export function preflight(experiments: readonly ResolvedExperiment[], limits: AccountLimits): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  for (const vendor of ['aws', 'azure', 'gcp', 'cloudflare'] as const) {
    const ofVendor = experiments.filter((e) => e.vendor === vendor);
    if (ofVendor.length > 0) findings.push(...CHECKS[vendor](ofVendor, limits));
  }
  return [...findings.filter((f) => f.level === 'refuse'), ...findings.filter((f) => f.level === 'warn')];
}
