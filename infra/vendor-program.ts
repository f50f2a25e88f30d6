import type * as pulumi from '@pulumi/pulumi';
import type { ResolvedExperiment } from '../experiments/schema/index.js';
import type { ExperimentOutput } from './outputs.js';

/** What the stack hands every vendor's deploy function. */
export interface VendorContext {
  readonly stackName: string;
  /** The stack's secret token (a secret Output); every function refuses requests without it. */
  readonly token: pulumi.Output<string>;
  /** Where built packages are cached, content-addressed (see infra/packaging). */
  readonly packageCacheDir: string;
}

/**
 * One vendor's part of the stack: deploys every sub-experiment of `experiments` (all of this
 * vendor) and returns their stack outputs, one per experiment, in the order given. Each vendor
 * folder exports one of these and keeps every quirk of its platform to itself.
 */
export type DeployVendor<Config> = (
  experiments: readonly ResolvedExperiment[],
  config: Config,
  context: VendorContext,
) => pulumi.Output<ExperimentOutput>[];
