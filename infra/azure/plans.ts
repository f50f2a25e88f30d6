import type { ResolvedExperiment, ResolvedSubExperiment } from '../../experiments/schema/index.js';
import { UserError } from '../../experiments/schema/user-error.js';
import { memoryProblemOnPlan, type PlanMemoryRule } from '../capabilities.js';
import type { AzurePlan, VendorStackConfig } from '../config.js';
import { azureCapabilities } from './capabilities.js';

/**
 * What each hosting plan accepts beyond the vendor-wide rules the experiment schema checks, and
 * the Flex Consumption scale settings of one sub-experiment. Pure, so the rules can be tested
 * without Pulumi.
 */

/** Flex Consumption's per-app scale limits (https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan). */
export const FLEX_MAX_INSTANCES = 1000;
/** Apps one Linux Consumption plan holds; faasbench gives each sub-experiment a plan of its own. */
export const CONSUMPTION_APPS_PER_PLAN = 100;

/** What an app gets when faasbench:azure.flex.maximumInstanceCount is unset and no burst needs more. */
export const FLEX_DEFAULT_MAX_INSTANCES = 100;

export interface FlexScale {
  readonly instanceMemoryMb: number;
  readonly maximumInstanceCount: number;
  readonly perInstanceConcurrency: number;
}

const PLAN_LABEL: Readonly<Record<AzurePlan, string>> = { consumption: 'Linux Consumption', 'flex-consumption': 'Flex Consumption' };

export function planLabel(plan: AzurePlan): string {
  return PLAN_LABEL[plan];
}

/** Instances one app needs so that a burst of `burst` requests is served at once. */
export function instancesForBurst(burst: number, perInstanceConcurrency: number): number {
  return Math.ceil(burst / perInstanceConcurrency);
}

/**
 * Refuses, naming the file and field, a sub-experiment the stack's plan cannot deploy: memory the
 * plan does not sell, or (on Flex) a burst that needs more instances than one app may have.
 */
export function checkSubExperimentOnPlan(
  experiment: ResolvedExperiment,
  sub: ResolvedSubExperiment,
  config: VendorStackConfig['azure'],
  stackName: string,
): void {
  const field = `${experiment.file}: subExperiments[${sub.index}]`;
  const memoryIssue = memoryProblemOnPlan(azureCapabilities.memory as PlanMemoryRule, config.plan, sub.memoryMb);
  if (memoryIssue !== null) {
    throw new UserError(
      `${field}.memoryMb is ${sub.memoryMb}, which stack ${stackName} cannot deploy: ${memoryIssue}. Set memoryMb in the file to an allowed size, or deploy it from a stack with another faasbench:azure.plan.`,
    );
  }
  if (config.plan === 'flex-consumption') flexScale(experiment, sub, config);
  else if (sub.chain !== null && sub.parallelism * sub.chain.length > CONSUMPTION_APPS_PER_PLAN) {
    throw new UserError(
      `${field}.parallelism is ${sub.parallelism} with a chain of ${sub.chain.length}, which makes ${sub.parallelism * sub.chain.length} Function Apps: ` +
        `more than the ${CONSUMPTION_APPS_PER_PLAN} one Linux Consumption plan holds (one plan per sub-experiment, one app per hop and replica). ` +
        `Lower parallelism to at most ${Math.floor(CONSUMPTION_APPS_PER_PLAN / sub.chain.length)} or chain.length, or deploy it from a flex-consumption stack.`,
    );
  }
}

/** The Flex Consumption scale settings of one sub-experiment's apps, or a UserError. */
export function flexScale(experiment: ResolvedExperiment, sub: ResolvedSubExperiment, config: VendorStackConfig['azure']): FlexScale {
  const concurrency = config.flex?.perInstanceConcurrency ?? 1;
  const largestBurst = Math.max(...sub.burstSizes);
  const needed = instancesForBurst(largestBurst, concurrency);
  const configured = config.flex?.maximumInstanceCount;
  const field = `${experiment.file}: subExperiments[${sub.index}].burstSizes`;
  const why = `a burst of ${largestBurst} request${largestBurst === 1 ? '' : 's'} with faasbench:azure.flex.perInstanceConcurrency ${concurrency} needs ${needed} instances of one app`;
  if (configured !== undefined && needed > configured) {
    throw new UserError(
      `${field}: ${why}, more than faasbench:azure.flex.maximumInstanceCount ${configured} allows. Raise it (at most ${FLEX_MAX_INSTANCES}): pulumi config set --path faasbench:azure.flex.maximumInstanceCount ${Math.min(needed, FLEX_MAX_INSTANCES)}, or raise perInstanceConcurrency.`,
    );
  }
  if (needed > FLEX_MAX_INSTANCES) {
    throw new UserError(
      `${field}: ${why}, more than the ${FLEX_MAX_INSTANCES} Flex Consumption allows. Use smaller bursts, or raise faasbench:azure.flex.perInstanceConcurrency.`,
    );
  }
  return {
    instanceMemoryMb: sub.memoryMb,
    maximumInstanceCount: configured ?? Math.max(FLEX_DEFAULT_MAX_INSTANCES, needed),
    perInstanceConcurrency: concurrency,
  };
}
