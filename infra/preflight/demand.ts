import type { ResolvedExperiment, ResolvedSubExperiment } from '../../experiments/schema/resolved.js';

/**
 * How much of a vendor's capacity experiments ask for at once. Every round of a sub-experiment
 * sends a burst to each of its `parallelism` endpoints at the same moment, so one round alone asks
 * for largestBurst × parallelism concurrent requests: that much is certain. Sub-experiments of a
 * `parallel` experiment run side by side with independent schedules, so their rounds may meet:
 * their sum is possible, not certain. Experiments run one after another.
 */

export function largestBurst(sub: ResolvedSubExperiment): number {
  return Math.max(...sub.burstSizes);
}

/**
 * Functions deployed per endpoint: one, or one per hop of a chain. A chain request keeps every
 * hop busy at once (each waits for the next), so it also counts that many times in a round.
 */
export function functionsPerEndpoint(sub: ResolvedSubExperiment): number {
  return sub.chain?.length ?? 1;
}

/** What a sub-experiment's largest round asks for, in units of `perRequest`. */
export function roundDemand(sub: ResolvedSubExperiment, perRequest: (sub: ResolvedSubExperiment, burst: number) => number): number {
  return perRequest(sub, largestBurst(sub)) * sub.parallelism * functionsPerEndpoint(sub);
}

export interface Demand {
  /** Largest single round of any sub-experiment, and where it is. */
  readonly certain: number;
  readonly certainWhere: string;
  /** Largest sum over sub-experiments that may run at the same time, and where. */
  readonly possible: number;
  readonly possibleWhere: string;
}

export function peakDemand(
  experiments: readonly ResolvedExperiment[],
  perRequest: (sub: ResolvedSubExperiment, burst: number) => number = (_sub, burst) => burst,
): Demand {
  let demand: Demand = { certain: 0, certainWhere: '', possible: 0, possibleWhere: '' };
  for (const experiment of experiments) {
    let together = 0;
    for (const sub of experiment.subExperiments) {
      const round = roundDemand(sub, perRequest);
      together = experiment.execution === 'parallel' ? together + round : Math.max(together, round);
      if (round > demand.certain) {
        const hops = sub.chain === null ? '' : `, chains of ${sub.chain.length} functions`;
        demand = { ...demand, certain: round, certainWhere: `${experiment.file} "${sub.title}": bursts of ${largestBurst(sub)} to ${sub.parallelism} endpoint${sub.parallelism === 1 ? '' : 's'}${hops}` };
      }
    }
    if (together > demand.possible) {
      demand = {
        ...demand,
        possible: together,
        possibleWhere:
          experiment.execution === 'parallel' && experiment.subExperiments.length > 1
            ? `${experiment.file}: the largest rounds of its ${experiment.subExperiments.length} sub-experiments, which run side by side, if they meet`
            : `${experiment.file}`,
      };
    }
  }
  return demand;
}

/** Functions (apps, scripts) the experiments deploy: one per endpoint, or one per hop of a chain. */
export function endpointCount(experiments: readonly ResolvedExperiment[]): number {
  return experiments.reduce((sum, e) => sum + deployedFunctions(e), 0);
}

/** Functions (apps, scripts) one experiment deploys. */
export function deployedFunctions(experiment: ResolvedExperiment): number {
  return experiment.subExperiments.reduce((s, sub) => s + sub.parallelism * functionsPerEndpoint(sub), 0);
}

export function subExperimentCount(experiments: readonly ResolvedExperiment[]): number {
  return experiments.reduce((sum, e) => sum + e.subExperiments.length, 0);
}

/** "a.json (50), b.json (25)": where a total comes from. */
export function breakdown(experiments: readonly ResolvedExperiment[], count: (e: ResolvedExperiment) => number): string {
  return experiments.map((e) => `${e.file} ${count(e)}`).join(', ');
}
