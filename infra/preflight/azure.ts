import type { ResolvedExperiment } from '../../experiments/schema/resolved.js';
import { AZURE_QUOTAS } from '../azure/quotas.js';
import type { AzurePlan } from '../config.js';
import { breakdown, peakDemand, subExperimentCount } from './demand.js';
import type { PreflightFinding } from './finding.js';

export interface AzureLimits {
  readonly plan: AzurePlan;
  readonly location: string;
  readonly consumptionPlans: number;
  readonly flexMemoryMb: number;
  /** HTTP requests one Flex instance serves at once (faasbench:azure.flex.perInstanceConcurrency). */
  readonly flexPerInstanceConcurrency: number;
}

export const AZURE_DEFAULT_LIMITS: Omit<AzureLimits, 'location'> = {
  plan: 'consumption',
  consumptionPlans: AZURE_QUOTAS.consumptionPlans.defaultLimit,
  flexMemoryMb: AZURE_QUOTAS.flexMemory.defaultLimitMb,
  flexPerInstanceConcurrency: 1,
};

/**
 * Linux Consumption: each sub-experiment is a plan of its own (apps per plan are the schema's
 * parallelism limit), and a region holds 100 plans. Flex Consumption: every instance counts its
 * memory against the region's quota; a round needs ⌈burst ÷ per-instance concurrency⌉ instances
 * of each endpoint, and of each hop of a chain.
 */
export function checkAzure(experiments: readonly ResolvedExperiment[], limits: AzureLimits): PreflightFinding[] {
  if (limits.plan === 'consumption') {
    const plans = subExperimentCount(experiments);
    if (plans <= limits.consumptionPlans) return [];
    return [
      {
        level: 'refuse',
        vendor: 'azure',
        quota: `Linux Consumption plans in ${limits.location}`,
        asked: plans,
        limit: limits.consumptionPlans,
        why: `one plan per sub-experiment: ${breakdown(experiments, (e) => e.subExperiments.length)}`,
        setting: AZURE_QUOTAS.consumptionPlans.setting,
        howToRaise: AZURE_QUOTAS.consumptionPlans.howToRaise,
      },
    ];
  }
  // Every hop of a chain is an app of its own: roundDemand counts each hop (demand.ts).
  const demand = peakDemand(experiments, (sub, burst) => Math.ceil(burst / limits.flexPerInstanceConcurrency) * sub.memoryMb);
  const base = {
    vendor: 'azure' as const,
    quota: `Flex Consumption instance memory (MB) in ${limits.location}`,
    limit: limits.flexMemoryMb,
    setting: AZURE_QUOTAS.flexMemory.setting,
    howToRaise: AZURE_QUOTAS.flexMemory.howToRaise,
  };
  const perInstance = `one instance of memoryMb per ${limits.flexPerInstanceConcurrency} request${limits.flexPerInstanceConcurrency === 1 ? '' : 's'}`;
  if (demand.certain > limits.flexMemoryMb) return [{ ...base, level: 'refuse', asked: demand.certain, why: `${demand.certainWhere}, ${perInstance}` }];
  if (demand.possible > limits.flexMemoryMb) return [{ ...base, level: 'warn', asked: demand.possible, why: `${demand.possibleWhere}, ${perInstance}` }];
  return [];
}
