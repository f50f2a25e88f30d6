import type * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import type { ResolvedExperiment, ResolvedSubExperiment } from '../../experiments/schema/index.js';
import { CHAIN_ENV } from '../../measurement-functions/chain/chain-env.js';
import { STORE_ENV } from '../../measurement-functions/storage/store-env.js';
import { chainHopEnv, hopsLastFirst } from '../chain-hops.js';
import { replicaName } from '../naming.js';
import { type SubExperimentOutput, subExperimentOutput } from '../outputs.js';
import type { GcpFoundation } from './foundation.js';
import { FUNCTION_NAME } from './names.js';
import { replicaNameLimit } from '../chain-names.js';
import { recipeFor } from './recipes.js';
import { createReplica, type Replica, type ReplicaArgs } from './replica.js';
import { gcpRuntime } from './runtimes.js';
import { chainTimeoutSeconds } from './service-settings.js';

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

/**
 * One sub-experiment: `parallelism` identical functions, each with its own cold starts.
 *
 * A chain deploys `length` functions per replica, last hop first: each hop's settings name the
 * next hop's URL (an Output of the hop deployed before it), which it calls with the stack's token
 * like any client; the endpoint is hop 0's. Only storage chains run as the account granted the
 * transfer bucket.
 */
export class MeasurementFunctions extends pulumi.ComponentResource {
  /** The endpoints: one per replica (hop 0 of each chain). */
  readonly replicas: readonly Replica[];
  /** Every function, hops of chains included. */
  readonly functions: Replica[] = [];
  /** The sub-experiment's part of the stack outputs. */
  readonly output: pulumi.Output<SubExperimentOutput>;

  constructor(name: string, args: MeasurementFunctionsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('faasbench:gcp:MeasurementFunctions', name, {}, opts);
    const { experiment, sub, foundation } = args;
    const runtime = gcpRuntime(sub.runtime);
    const deployedPackage = foundation.package(recipeFor(runtime.language), sub.packageSizeMb);
    const options = { parent: this, provider: args.provider };
    const limit = replicaNameLimit(sub, FUNCTION_NAME);

    this.replicas = Array.from({ length: sub.parallelism }, (_, replica) => {
      const replicaArgs: ReplicaArgs = {
        functionName: replicaName({ stack: args.stackName, experimentTitle: experiment.title, experimentFile: experiment.file, subIndex: sub.index, replica }, limit),
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
      };
      return sub.chain === null ? this.add(createReplica(replicaArgs, options)) : this.deployChain(replicaArgs, args, options);
    });

    this.output = pulumi.all(this.replicas.map((r) => r.endpoint)).apply((endpoints) => subExperimentOutput(sub, endpoints));
    this.registerOutputs({ output: this.output });
  }

  /** The hops of one replica's chain, last first; returns hop 0, the endpoint. */
  private deployChain(replica: ReplicaArgs, args: MeasurementFunctionsArgs, options: pulumi.CustomResourceOptions): Replica {
    const { sub } = args;
    const chain = sub.chain!;
    const storage = chain.transfer === 'storage' ? args.foundation.transferStore : undefined;
    if (chain.transfer === 'storage' && storage === undefined) throw new Error(`sub-experiment ${sub.index} of ${args.experiment.file} is a storage chain, but the stack made no transfer bucket`);
    let next: Replica | null = null;
    for (const hop of hopsLastFirst(chain)) {
      next = this.add(
        createReplica(
          {
            ...replica,
            functionName: `${replica.functionName}${hop.suffix}`,
            hop: {
              environment: {
                ...chainHopEnv(sub, 'gcp', hop.position, null),
                ...(next === null ? {} : { [CHAIN_ENV.nextHopUrl]: next.function.url }),
                ...(storage === undefined ? {} : { [STORE_ENV.bucket]: storage.bucket.name }),
              },
              timeoutSeconds: chainTimeoutSeconds(sub.requestTimeoutMs),
              ...(storage === undefined ? {} : { serviceAccountEmail: storage.accountEmail }),
              ready: storage?.ready ?? [],
            },
          },
          options,
        ),
      );
    }
    return next!;
  }

  private add(replica: Replica): Replica {
    this.functions.push(replica);
    return replica;
  }
}
