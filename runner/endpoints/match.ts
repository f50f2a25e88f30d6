import path from 'node:path';
import { type ResolvedExperiment, UserError } from '../../experiments/schema/index.js';
import { DEPLOYED_FIELDS, deployedChainText, type ExperimentOutput, type StackOutputs, type SubExperimentOutput } from '../../infra/outputs.js';

/** Compares experiment file names the way a user writes them: relative to the working directory. */
export function sameFile(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

/**
 * Finds what was deployed for `experiment` and checks the file has not changed in a way that
 * needs a new deploy. Runner-only fields (bursts, IATs, service times) may change freely.
 */
export function endpointsFor(experiment: ResolvedExperiment, outputs: StackOutputs, source: string): ExperimentOutput {
  const deployed = outputs.experiments.find((e) => sameFile(e.file, experiment.file));
  if (deployed === undefined) {
    const files = outputs.experiments.map((e) => e.file).join(', ');
    throw new UserError(
      `${experiment.file} was not deployed by ${source}, which deploys ${files}; add it to faasbench:experiments in the stack config and run \`pulumi up\`.`,
    );
  }
  const redeploy = `${experiment.file} changed since it was deployed by ${source}`;
  if (deployed.vendor !== experiment.vendor) {
    throw new UserError(`${redeploy}: vendor is "${experiment.vendor}" in the file but "${deployed.vendor}" was deployed; run \`pulumi up\` again.`);
  }
  if (deployed.subExperiments.length !== experiment.subExperiments.length) {
    throw new UserError(
      `${redeploy}: it has ${experiment.subExperiments.length} sub-experiments but ${deployed.subExperiments.length} were deployed; run \`pulumi up\` again.`,
    );
  }
  const at = outputs.experiments.indexOf(deployed);
  const byIndex = outputsByIndex(deployed, `${source}: experiments[${at}].subExperiments`, experiment);
  experiment.subExperiments.forEach((sub, index) => {
    const out = byIndex.get(sub.index);
    if (out === undefined) return;
    for (const field of DEPLOYED_FIELDS) {
      if (out.deployed[field] !== sub[field]) {
        throw new UserError(
          `${redeploy}: subExperiments[${index}].${field} is ${JSON.stringify(sub[field])} in the file but ${JSON.stringify(out.deployed[field])} was deployed; run \`pulumi up\` again.`,
        );
      }
    }
    const fileChain = deployedChainText(sub.chain);
    const deployedChain = deployedChainText(out.deployed.chain);
    if (fileChain !== deployedChain) {
      throw new UserError(`${redeploy}: subExperiments[${index}].chain asks for ${fileChain} but ${deployedChain} was deployed; run \`pulumi up\` again.`);
    }
    if (out.endpoints.length !== sub.parallelism) {
      throw new UserError(`${source} lists ${out.endpoints.length} endpoints for subExperiments[${index}] but parallelism is ${sub.parallelism}; run \`pulumi up\` again.`);
    }
    out.endpoints.forEach((endpoint, position) => {
      if (endpoint.replica !== position) {
        throw new UserError(
          `${source}: experiments[${at}].subExperiments[${deployed.subExperiments.indexOf(out)}].endpoints[${position}].replica is ${endpoint.replica}; endpoints must be listed in replica order 0, 1, 2, ... Run \`pulumi up\` again or fix the saved outputs.`,
        );
      }
    });
  });
  return deployed;
}

/**
 * The deployed sub-experiments keyed by `index`, which ties each to the file's sub-experiment of
 * the same position: every index must be one of the file's, and each must appear once.
 */
function outputsByIndex(deployed: ExperimentOutput, where: string, experiment: ResolvedExperiment): Map<number, SubExperimentOutput> {
  const count = experiment.subExperiments.length;
  const byIndex = new Map<number, SubExperimentOutput>();
  deployed.subExperiments.forEach((out, position) => {
    if (out.index >= count) {
      throw new UserError(
        `${where}[${position}].index is ${out.index}, but ${experiment.file} has sub-experiments 0 to ${count - 1}; the outputs do not belong to this file (run \`pulumi up\` again or fix the saved outputs).`,
      );
    }
    if (byIndex.has(out.index)) {
      throw new UserError(`${where}[${position}].index is ${out.index}, which an earlier entry already has; each sub-experiment's index must appear once.`);
    }
    byIndex.set(out.index, out);
  });
  return byIndex;
}
