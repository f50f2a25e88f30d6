import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import type { VendorStackConfig } from '../config.js';
import { checkChainNamesFit } from '../chain-names.js';
import type { ExperimentOutput } from '../outputs.js';
import type { DeployVendor } from '../vendor-program.js';
import { GcpFoundation } from './foundation.js';
import { MeasurementFunctions } from './measurement-functions.js';
import { FUNCTION_NAME, subExperimentName } from './names.js';
import { recipeFor } from './recipes.js';
import { gcpRuntime } from './runtimes.js';

/**
 * Deploys every gcp sub-experiment of the stack: one provider for the configured project and
 * region, the shared foundation (source bucket, image repository, one upload per distinct
 * package), and one MeasurementFunctions component per sub-experiment.
 */
export const deployGcp: DeployVendor<VendorStackConfig['gcp']> = (experiments, config, context) => {
  if (experiments.length === 0) return [];
  for (const experiment of experiments) {
    if (experiment.vendor !== 'gcp') throw new Error(`deployGcp was given ${experiment.file}, an experiment for ${experiment.vendor}`);
  }
  checkChainNamesFit(context.stackName, experiments, FUNCTION_NAME);

  const provider = new gcp.Provider('gcp', { project: config.project, region: config.region });
  const foundation = new GcpFoundation('gcp-shared', {
    config,
    stackName: context.stackName,
    packageCacheDir: context.packageCacheDir,
    provider,
    needsTransferStore: experiments.some((experiment) => experiment.subExperiments.some((sub) => sub.chain?.transfer === 'storage')),
    packages: experiments.flatMap((experiment) =>
      experiment.subExperiments.map((sub) => ({ recipe: recipeFor(gcpRuntime(sub.runtime).language), packageSizeMb: sub.packageSizeMb })),
    ),
  });

  return experiments.map((experiment) => {
    const subExperiments = experiment.subExperiments.map(
      (sub) =>
        new MeasurementFunctions(subExperimentName(experiment, sub), {
          experiment,
          sub,
          stackName: context.stackName,
          project: config.project,
          region: config.region,
          token: context.token,
          foundation,
          provider,
        }).output,
    );
    return pulumi.all(subExperiments).apply(
      (subs): ExperimentOutput => ({ file: experiment.file, title: experiment.title, vendor: 'gcp', subExperiments: subs }),
    );
  });
};
