import * as pulumi from '@pulumi/pulumi';
import type { ResolvedExperiment } from '../../experiments/schema/index.js';
import type { VendorStackConfig } from '../config.js';
import { checkChainNamesFit } from '../chain-names.js';
import type { ExperimentOutput } from '../outputs.js';
import type { DeployVendor } from '../vendor-program.js';
import { uploadRoute } from './code-packages.js';
import { MeasurementFunctions } from './measurement-functions.js';
import { LAMBDA_FUNCTION_NAME } from './names.js';
import { AwsStackResources } from './stack-resources.js';

/**
 * Deploys every AWS experiment of the stack: the shared resources once, then one
 * MeasurementFunctions component per sub-experiment. Returns one output per experiment, in order.
 */
export const deployAws: DeployVendor<VendorStackConfig['aws']> = (experiments, config, context) => {
  for (const experiment of experiments) {
    if (experiment.vendor !== 'aws') throw new Error(`deployAws was given ${experiment.file}, an experiment for ${experiment.vendor}`);
  }
  if (experiments.length === 0) return [];
  checkChainNamesFit(context.stackName, experiments, LAMBDA_FUNCTION_NAME);
  const shared = new AwsStackResources('aws', {
    stackName: context.stackName,
    region: config.region,
    needsCodeBucket: experiments.some((e) => e.subExperiments.some((s) => uploadRoute(s.packageSizeMb) === 's3')),
    packageCacheDir: context.packageCacheDir,
    needsTransferStore: experiments.some((e) => e.subExperiments.some((s) => s.chain?.transfer === 'storage')),
  });
  return experiments.map((experiment) => deployExperiment(experiment, config, context.stackName, context.token, shared));
};

function deployExperiment(
  experiment: ResolvedExperiment,
  config: VendorStackConfig['aws'],
  stackName: string,
  token: pulumi.Output<string>,
  shared: AwsStackResources,
): pulumi.Output<ExperimentOutput> {
  const subOutputs = experiment.subExperiments.map(
    (subExperiment) =>
      // The file path keeps two experiments with the same title apart, as in the function names.
      new MeasurementFunctions(`${experiment.file}/s${subExperiment.index}`, { stackName, experiment, subExperiment, config, token, shared })
        .output,
  );
  return pulumi.all(subOutputs).apply((subExperiments) => ({
    file: experiment.file,
    title: experiment.title,
    vendor: 'aws' as const,
    subExperiments,
  }));
}
