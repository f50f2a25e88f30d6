import type { ResolvedExperiment } from '../../experiments/schema/index.js';
import { UserError } from '../../experiments/schema/index.js';

/**
 * How many local instance processes a machine can hold, and how many an experiment can ask for.
 * Every instance is a Node process: measured at 47 to 55 MB resident each (10 MB package,
 * quickstart, Node 20), so 50 MB is what one costs. Half the machine's memory is the budget: the
 * runner, the platform, the package cache and whatever else runs need the rest.
 */

export const INSTANCE_MEMORY_MB = 50;
export const MEMORY_SHARE = 0.5;

export interface SubExperimentDemand {
  readonly index: number;
  readonly title: string;
  readonly parallelism: number;
  readonly largestBurst: number;
  /** Functions behind one endpoint: the chain's length, 1 without a chain. */
  readonly functionsPerEndpoint: number;
  /** parallelism × functionsPerEndpoint × min(maxInstancesPerFunction, largest burst). */
  readonly instances: number;
}

export interface LocalDemand {
  /** Instances that can be alive at once: the sum over sub-experiments run in parallel, the largest of sequential ones. */
  readonly instances: number;
  readonly subExperiments: readonly SubExperimentDemand[];
}

/**
 * Instances one sub-experiment can keep busy at once: each of its `parallelism` functions serves a
 * burst of up to its largest burst size with one instance per request, and never runs more than
 * maxInstancesPerFunction (more requests queue). Requests that outlast the next round can start
 * more, up to the cap: this is the demand of a schedule whose requests end before the next round.
 */
export function localDemand(experiment: ResolvedExperiment): LocalDemand {
  const cap = experiment.local?.maxInstancesPerFunction ?? 0;
  const subExperiments = experiment.subExperiments.map((sub) => {
    const largestBurst = Math.max(...sub.burstSizes);
    // A chain request keeps one instance of every hop busy at once.
    const functionsPerEndpoint = sub.chain?.length ?? 1;
    return {
      index: sub.index,
      title: sub.title,
      parallelism: sub.parallelism,
      largestBurst,
      functionsPerEndpoint,
      instances: sub.parallelism * functionsPerEndpoint * Math.min(cap, largestBurst),
    };
  });
  const counts = subExperiments.map((sub) => sub.instances);
  const instances = experiment.execution === 'sequential' ? Math.max(0, ...counts) : counts.reduce((sum, n) => sum + n, 0);
  return { instances, subExperiments };
}

/** Instances a machine with `totalMemoryBytes` holds. */
export function instanceBudget(totalMemoryBytes: number): number {
  return Math.floor((totalMemoryBytes / 1024 / 1024) * MEMORY_SHARE / INSTANCE_MEMORY_MB);
}

/** Throws a UserError naming the file and the fields to lower when `experiment` asks for more instances than the budget. */
export function checkLocalBudget(experiment: ResolvedExperiment, totalMemoryBytes: number): void {
  if (experiment.vendor !== 'local' || experiment.local === null) return;
  const demand = localDemand(experiment);
  const budget = instanceBudget(totalMemoryBytes);
  if (demand.instances <= budget) return;
  const biggest = [...demand.subExperiments].sort((a, b) => b.instances - a.instances)[0] as SubExperimentDemand;
  const cap = experiment.local.maxInstancesPerFunction;
  const how = experiment.execution === 'sequential' ? 'its largest sub-experiment' : 'its sub-experiments together (they run in parallel)';
  const chained = biggest.functionsPerEndpoint > 1;
  const chain = chained ? ` × chain.length ${biggest.functionsPerEndpoint}` : '';
  throw new UserError(
    `Experiment file ${experiment.file}: the local platform would run up to ${demand.instances} instance processes at once (${how}; ` +
      `subExperiments[${biggest.index}] "${biggest.title}" alone: parallelism ${biggest.parallelism}${chain} × min(local.maxInstancesPerFunction ${cap}, largest burst ${biggest.largestBurst}) = ${biggest.instances}), ` +
      `but at about ${INSTANCE_MEMORY_MB} MB each this machine's ${(totalMemoryBytes / 1024 ** 3).toFixed(1)} GiB of memory hold at most ${budget} ` +
      `(half its memory). Lower parallelism, ${chained ? 'chain.length, ' : ''}burstSizes or local.maxInstancesPerFunction, or run sub-experiments with "execution": "sequential".`,
  );
}
