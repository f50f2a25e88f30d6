import * as pulumi from '@pulumi/pulumi';
import { UserError } from '../../experiments/schema/user-error.js';
import type { VendorStackConfig } from '../config.js';
import { slug } from '../naming.js';
import type { ExperimentOutput } from '../outputs.js';
import type { DeployVendor } from '../vendor-program.js';
import { AzureMeasurementFunctions } from './measurement-functions.js';
import { linuxFxVersion } from './runtimes.js';
import { AzureStackResources } from './stack-resources.js';

/** Azure allows 100 Consumption plans per region, and each sub-experiment has its own. */
export const MAX_CONSUMPTION_PLANS = 100;

/**
 * Deploys every Azure experiment of the stack: the shared resources once, then one component
 * per sub-experiment. Returns each experiment's stack output, in the order given.
 */
export const deployAzure: DeployVendor<VendorStackConfig['azure']> = (experiments, config, context) => {
  if (experiments.length === 0) return [];
  const plans = experiments.reduce((sum, experiment) => sum + experiment.subExperiments.length, 0);
  if (plans > MAX_CONSUMPTION_PLANS) {
    throw new UserError(
      `Stack ${context.stackName} deploys ${plans} Azure sub-experiments; each gets its own Consumption plan and Azure allows ${MAX_CONSUMPTION_PLANS} per region. Deploy fewer, or move some experiment files to a stack with another faasbench:azure.location.`,
    );
  }

  // Refuse a bad runtime before anything is registered, not halfway through the graph.
  for (const experiment of experiments) for (const sub of experiment.subExperiments) linuxFxVersion(sub.runtime);

  const shared = new AzureStackResources('fb-azure', {
    stackName: context.stackName,
    location: config.location,
    packageCacheDir: context.packageCacheDir,
  });

  return experiments.map((experiment): pulumi.Output<ExperimentOutput> => {
    const subs = experiment.subExperiments.map(
      (sub) =>
        new AzureMeasurementFunctions(`fb-azure-${slug(experiment.file)}-s${sub.index}`, {
          experiment,
          sub,
          shared,
          stackName: context.stackName,
          location: config.location,
          token: context.token,
        }),
    );
    return pulumi.all(subs.map((s) => s.output)).apply((subExperiments) => ({
      file: experiment.file,
      title: experiment.title,
      vendor: 'azure' as const,
      subExperiments,
    }));
  });
};
