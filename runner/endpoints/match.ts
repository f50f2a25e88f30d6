import path from 'node:path';
import { type ResolvedExperiment, UserError } from '../../experiments/schema/index.js';
import { DEPLOYED_FIELDS, type ExperimentOutput, type StackOutputs } from '../../infra/outputs.js';

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
  experiment.subExperiments.forEach((sub, index) => {
    const out = deployed.subExperiments[index];
    if (out === undefined) return;
    for (const field of DEPLOYED_FIELDS) {
      if (out.deployed[field] !== sub[field]) {
        throw new UserError(
          `${redeploy}: subExperiments[${index}].${field} is ${JSON.stringify(sub[field])} in the file but ${JSON.stringify(out.deployed[field])} was deployed; run \`pulumi up\` again.`,
        );
      }
    }
    if (out.endpoints.length !== sub.parallelism) {
      throw new UserError(`${source} lists ${out.endpoints.length} endpoints for subExperiments[${index}] but parallelism is ${sub.parallelism}; run \`pulumi up\` again.`);
    }
  });
  return deployed;
}
