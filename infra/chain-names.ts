import type { ResolvedExperiment, ResolvedSubExperiment } from '../experiments/schema/resolved.js';
import { hopSuffix } from './chain-hops.js';
import { checkReplicaNamesFit, type NameLimit } from './naming.js';

/**
 * Names of chain functions: `<replica name><hop suffix>`, so the replica name of a chain gets the
 * vendor's limit less its longest hop suffix (`-h15` at most), and every hop of one replica shares
 * its stem. Pure; a vendor passes its own NameLimit.
 */

/** The limit replicaName gets for `sub`: the vendor's own, less the chain's longest hop suffix. */
export function replicaNameLimit(sub: ResolvedSubExperiment, limit: NameLimit): NameLimit {
  if (sub.chain === null) return limit;
  const room = hopSuffix(sub.chain.length - 1).length;
  return { maxLength: limit.maxLength - room, resource: `${limit.resource}, less ${room} for the chain hop suffix -h<hop>` };
}

/**
 * checkReplicaNamesFit for chains too: refuses, before anything is registered, a stack name that
 * leaves no room in some chain hop's name, with the longest stack name that would fit.
 */
export function checkChainNamesFit(stack: string, experiments: readonly ResolvedExperiment[], limit: NameLimit): void {
  checkReplicaNamesFit(stack, experiments, limit);
  const lengths = new Set(experiments.flatMap((e) => e.subExperiments.flatMap((sub) => (sub.chain === null ? [] : [sub.chain.length]))));
  for (const length of lengths) {
    const chains = experiments.map((e) => ({ ...e, subExperiments: e.subExperiments.filter((sub) => sub.chain?.length === length) }));
    const sample = chains.flatMap((e) => e.subExperiments)[0] as ResolvedSubExperiment;
    checkReplicaNamesFit(stack, chains, replicaNameLimit(sample, limit));
  }
}
