import type * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import type { ResolvedExperiment, ResolvedSubExperiment } from '../../experiments/schema/index.js';
import { replicaName } from '../naming.js';
import { type SubExperimentOutput, subExperimentOutput } from '../outputs.js';
import type { GcpFoundation } from './foundation.js';
import { FUNCTION_NAME } from './names.js';
import { recipeFor } from './recipes.js';
import { createReplica, type Replica } from './replica.js';
import { gcpRuntime } from './runtimes.js';

export interface MeasurementFunctionsArgs {
  readonly experiment: ResolvedExperiment;
  readonly sub: ResolvedSubExperiment;
  readonly stackName: string;
  readonly project: string;
  readonly region: string;
  readonly token: pulumi.Output<string>;
  readonly foundation: GcpFoundation;
  readonly provider: gcp.Provider;
}

/** One sub-experiment: `parallelism` identical functions, each with its own cold starts. */
export class MeasurementFunctions extends pulumi.ComponentResource {
  readonly replicas: readonly Replica[];
  /** The sub-experiment's part of the stack outputs. */
  readonly output: pulumi.Output<SubExperimentOutput>;

  constructor(name: string, args: MeasurementFunctionsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('faasbench:gcp:MeasurementFunctions', name, {}, opts);
    const { experiment, sub, foundation } = args;
    const runtime = gcpRuntime(sub.runtime);
    const deployedPackage = foundation.package(recipeFor(runtime.language), sub.packageSizeMb);

    this.replicas = Array.from({ length: sub.parallelism }, (_, replica) =>
      createReplica(
        {
          functionName: replicaName(
            { stack: args.stackName, experimentTitle: experiment.title, experimentFile: experiment.file, subIndex: sub.index, replica },
            FUNCTION_NAME,
          ),
          replica,
          sub,
          runtime,
          region: args.region,
          project: args.project,
          token: args.token,
          bucketName: foundation.bucket.name,
          dockerRepository: foundation.dockerRepository,
          deployedPackage,
          buildAccount: foundation.buildAccount,
        },
        { parent: this, provider: args.provider },
      ),
    );

    this.output = pulumi.all(this.replicas.map((r) => r.endpoint)).apply((endpoints) => subExperimentOutput(sub, endpoints));
    this.registerOutputs({ output: this.output });
  }
}
