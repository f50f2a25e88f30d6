import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import type { ResolvedSubExperiment } from '../../experiments/schema/index.js';
import { ENTRY_POINT } from '../../measurement-functions/gcp/entry-point.js';
import type { EndpointOutput } from '../outputs.js';
import { gcpCapabilities } from './capabilities.js';
import type { BuildServiceAccount } from './build-service-account.js';
import type { DeployedPackage } from './foundation.js';
import type { GcpRuntime } from './runtimes.js';
import { availableMemory, functionEnvironment, maxInstanceCount, timeoutSeconds } from './service-settings.js';

export interface ReplicaArgs {
  /** Physical function name (replicaName), also the logical name of its resources. */
  readonly functionName: string;
  readonly replica: number;
  readonly sub: ResolvedSubExperiment;
  readonly runtime: GcpRuntime;
  readonly region: string;
  readonly project: string;
  readonly token: pulumi.Output<string>;
  readonly bucketName: pulumi.Output<string>;
  readonly dockerRepository: pulumi.Output<string>;
  readonly deployedPackage: DeployedPackage;
  /** What Cloud Build builds the function as (build-service-account.ts). */
  readonly buildAccount: BuildServiceAccount;
  /** Set on a chain hop: what makes the function one hop of a chain. */
  readonly hop?: HopSettings;
}

/** What a chain hop adds to a replica's function. */
export interface HopSettings {
  /** The chain settings (chainHopEnv, the next hop's URL) and, on storage hops, the store's. */
  readonly environment: Record<string, pulumi.Input<string>>;
  readonly timeoutSeconds: number;
  /** Storage hops: the account granted the transfer bucket. Others run as the project's default. */
  readonly serviceAccountEmail?: pulumi.Input<string>;
  /** What must exist before the first request (the account and its grant). */
  readonly ready: pulumi.Resource[];
}

export interface Replica {
  readonly function: gcp.cloudfunctionsv2.Function;
  readonly invoker: gcp.cloudrunv2.ServiceIamMember;
  readonly endpoint: pulumi.Output<EndpointOutput>;
}

/**
 * One endpoint: a Cloud Run function built from the shared package, and the IAM member that
 * lets anyone invoke it. Invoking a function of this generation is a Cloud Run permission
 * (`run.routes.invoke`), so the member goes on the function's Cloud Run service; the Cloud
 * Functions invoker role would not open it.
 */
export function createReplica(args: ReplicaArgs, options: pulumi.CustomResourceOptions): Replica {
  const { sub, functionName } = args;
  const fn = new gcp.cloudfunctionsv2.Function(
    functionName,
    {
      name: functionName,
      location: args.region,
      buildConfig: {
        runtime: args.runtime.runtimeId,
        entryPoint: ENTRY_POINT,
        dockerRepository: args.dockerRepository,
        serviceAccount: args.buildAccount.name,
        source: { storageSource: { bucket: args.bucketName, object: args.deployedPackage.object.name } },
      },
      serviceConfig: {
        availableMemory: availableMemory(sub.memoryMb),
        minInstanceCount: 0,
        maxInstanceCount: maxInstanceCount(sub),
        maxInstanceRequestConcurrency: 1,
        timeoutSeconds: args.hop?.timeoutSeconds ?? timeoutSeconds(gcpCapabilities.maxSpinMs),
        ingressSettings: 'ALLOW_ALL',
        allTrafficOnLatestRevision: true,
        environmentVariables: { ...functionEnvironment(sub, args.region, args.token), ...args.hop?.environment },
        ...(args.hop?.serviceAccountEmail === undefined ? {} : { serviceAccountEmail: args.hop.serviceAccountEmail }),
      },
      deletionPolicy: 'DELETE',
    },
    // The first build must not start before its account holds the roles it builds with, nor a
    // storage hop before its own account may use the bucket.
    { ...options, dependsOn: [...args.buildAccount.ready, ...(args.hop?.ready ?? [])] },
  );

  const invoker = new gcp.cloudrunv2.ServiceIamMember(
    `${functionName}-invoker`,
    {
      // The service config is secret because the token is in it; the service's name is not.
      name: pulumi.unsecret(fn.serviceConfig.apply((config) => backingService(config, functionName))),
      project: args.project,
      location: fn.location,
      role: 'roles/run.invoker',
      member: 'allUsers',
    },
    options,
  );

  const endpoint = pulumi.all([fn.url, args.deployedPackage.bytes]).apply(
    ([url, packageBytes]): EndpointOutput => ({
      url,
      vendor: 'gcp',
      region: args.region,
      runtime: sub.runtime,
      memoryMb: sub.memoryMb,
      packageBytes,
      replica: args.replica,
      functionName,
    }),
  );
  return { function: fn, invoker, endpoint };
}

/** Full name of the Cloud Run service behind the function (`projects/…/services/…`). */
function backingService(config: gcp.types.output.cloudfunctionsv2.FunctionServiceConfig | undefined, functionName: string): string {
  const service = config?.service;
  if (service === undefined || service === '') {
    throw new Error(`Cloud Run functions reported no Cloud Run service for function ${functionName}`);
  }
  return service;
}
