import * as pulumi from '@pulumi/pulumi';
import type { VendorStackConfig } from '../config.js';
import { checkChainNamesFit } from '../chain-names.js';
import { slug } from '../naming.js';
import type { ExperimentOutput } from '../outputs.js';
import type { DeployVendor } from '../vendor-program.js';
import { AzureMeasurementFunctions } from './measurement-functions.js';
import { APP_NAME } from './names.js';
import { checkSubExperimentOnPlan } from './plans.js';
import { flexRuntime, linuxFxVersion } from './runtimes.js';
import { AzureStackResources } from './stack-resources.js';

/**
 * Deploys every Azure experiment of the stack on the stack's plan (faasbench:azure.plan): the
 * shared resources once, then one component per sub-experiment. Returns each experiment's stack
 * output, in the order given. Account limits (plans per region, Flex memory) are checked before,
 * by the stack's preflight (infra/preflight).
 */
export const deployAzure: DeployVendor<VendorStackConfig['azure']> = (experiments, config, context) => {
  if (experiments.length === 0) return [];

  // Refuse what the plan cannot deploy before anything is registered, not halfway through the graph.
  // Function App names leave the stack far less room than any other Azure name faasbench makes
  // (the resource group fb-<stack> may have 90 characters), so they decide what fits.
  checkChainNamesFit(context.stackName, experiments, APP_NAME);
  for (const experiment of experiments) {
    for (const sub of experiment.subExperiments) {
      if (config.plan === 'consumption') linuxFxVersion(sub.runtime);
      else flexRuntime(sub.runtime);
      checkSubExperimentOnPlan(experiment, sub, config, context.stackName);
    }
  }

  const shared = new AzureStackResources('fb-azure', {
    stackName: context.stackName,
    location: config.location,
    packageCacheDir: context.packageCacheDir,
    plan: config.plan,
  });

  return experiments.map((experiment): pulumi.Output<ExperimentOutput> => {
    const subs = experiment.subExperiments.map(
      (sub) =>
        new AzureMeasurementFunctions(`fb-azure-${slug(experiment.file)}-s${sub.index}`, {
          experiment,
          sub,
          shared,
          stackName: context.stackName,
          config,
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
