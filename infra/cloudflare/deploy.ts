import * as cloudflare from '@pulumi/cloudflare';
import * as pulumi from '@pulumi/pulumi';
import { UserError } from '../../experiments/schema/index.js';
import type { VendorStackConfig } from '../config.js';
import { checkChainNamesFit } from '../chain-names.js';
import type { ExperimentOutput } from '../outputs.js';
import type { DeployVendor } from '../vendor-program.js';
import { checkSpinFitsPlan } from './cpu-limits.js';
import { MeasurementFunctions } from './measurement-functions.js';
import { WORKERS_SCRIPT_NAME } from './names.js';
import { transferBucket } from './transfer-bucket.js';
import { buildWorkerUpload, type WorkerUpload } from './worker-upload.js';

/**
 * Cloudflare's part of the stack: one MeasurementFunctions component per sub-experiment, all
 * through one explicit provider. Each distinct package size is built once and shared by every
 * sub-experiment and replica that asks for it. A stack with storage chains gets one R2 bucket
 * (with its lifecycle rule), bound to those chains' scripts only.
 */
export const deployCloudflare: DeployVendor<VendorStackConfig['cloudflare']> = (experiments, config, context) => {
  checkChainNamesFit(context.stackName, experiments, WORKERS_SCRIPT_NAME);
  for (const experiment of experiments) for (const sub of experiment.subExperiments) checkSpinFitsPlan(experiment, sub, config.plan);
  // The account's script limit is checked over the whole stack by the preflight (infra/preflight).
  // No apiToken argument: the provider reads CLOUDFLARE_API_TOKEN itself when it runs, so the
  // credential never passes through the program or into the state.
  const provider = new cloudflare.Provider('faasbench-cloudflare', {});
  const storageChains = experiments.some((e) => e.subExperiments.some((sub) => sub.chain?.transfer === 'storage'));
  const transfers = storageChains ? transferBucket(context.stackName, config.accountId, { provider }) : null;

  const uploads = new Map<number, pulumi.Output<WorkerUpload>>();
  const uploadFor = (packageSizeMb: number): pulumi.Output<WorkerUpload> => {
    let upload = uploads.get(packageSizeMb);
    if (upload === undefined) {
      upload = pulumi.output(buildWorkerUpload({ packageSizeMb, cacheDir: context.packageCacheDir }).catch(asRunError));
      uploads.set(packageSizeMb, upload);
    }
    return upload;
  };

  return experiments.map((experiment): pulumi.Output<ExperimentOutput> => {
    const components = experiment.subExperiments.map(
      (subExperiment) =>
        new MeasurementFunctions(`${experiment.file}/s${subExperiment.index}`, {
          stackName: context.stackName,
          experiment,
          subExperiment,
          config,
          token: context.token,
          upload: uploadFor(subExperiment.packageSizeMb),
          provider,
          ...(transfers === null ? {} : { transferBucket: transfers.bucket }),
        }),
    );
    return pulumi.all(components.map((c) => c.output)).apply((subExperiments) => ({
      file: experiment.file,
      title: experiment.title,
      vendor: 'cloudflare' as const,
      subExperiments,
    }));
  });
};

/**
 * A package too small for the code is found only once the Worker is bundled, after the program
 * has returned its outputs, so the entry point cannot turn it into a RunError as it does for
 * mistakes found earlier. Doing it here keeps `pulumi up` to the one message, without a stack.
 */
function asRunError(error: unknown): never {
  throw UserError.is(error) ? new pulumi.RunError(error.message) : error;
}
