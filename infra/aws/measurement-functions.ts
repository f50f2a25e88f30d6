import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ResolvedExperiment, ResolvedSubExperiment } from '../../experiments/schema/index.js';
import { CHAIN_ENV } from '../../measurement-functions/chain/chain-env.js';
import { STORE_ENV } from '../../measurement-functions/storage/store-env.js';
import { chainHopEnv, hopsLastFirst } from '../chain-hops.js';
import type { VendorStackConfig } from '../config.js';
import { replicaName } from '../naming.js';
import { type EndpointOutput, type SubExperimentOutput, subExperimentOutput } from '../outputs.js';
import type { LambdaCode } from './code-packages.js';
import { chainTimeoutSeconds, functionEnvironment, LOG_RETENTION_DAYS, logGroupName, timeoutSeconds } from './function-settings.js';
import { LAMBDA_FUNCTION_NAME } from './names.js';
import { replicaNameLimit } from '../chain-names.js';
import { type LambdaRuntime, lambdaRuntime } from './runtimes.js';
import type { AwsStackResources } from './stack-resources.js';

export interface MeasurementFunctionsArgs {
  readonly stackName: string;
  readonly experiment: ResolvedExperiment;
  readonly subExperiment: ResolvedSubExperiment;
  readonly config: VendorStackConfig['aws'];
  /** The stack's secret token (a secret Output). */
  readonly token: pulumi.Output<string>;
  readonly shared: AwsStackResources;
}

/** What one deployed function needs besides its name. */
interface FunctionSpec {
  readonly role: pulumi.Input<string>;
  readonly environment: Record<string, pulumi.Input<string>>;
  readonly timeoutSeconds: number;
  /** What must exist before its first cold start (its role's policies). */
  readonly dependsOn: pulumi.Resource[];
}

/**
 * The endpoints of one sub-experiment: `parallelism` identical Lambda functions, each with its
 * own log group and public Function URL. Separate functions, not one function called in
 * parallel, because Lambda keeps warm instances per function: replicas must not warm each other.
 *
 * A chain deploys `length` functions per replica, last hop first: each hop's settings name the
 * next hop's Function URL (an Output of the hop deployed before it), and the endpoint is hop 0's.
 * A hop calls the next over that URL, with the stack's token, as any client would: not with
 * Lambda's Invoke API, so the next hop checks the token like every other endpoint and its
 * measurement includes the Function URL front end that users of Lambda over HTTP go through.
 * Only storage chains run as the role that may use the transfer bucket.
 */
export class MeasurementFunctions extends pulumi.ComponentResource {
  readonly functions: aws.lambda.Function[] = [];
  readonly urls: aws.lambda.FunctionUrl[] = [];
  readonly logGroups: aws.cloudwatch.LogGroup[] = [];
  /** This sub-experiment's part of the stack outputs. */
  readonly output: pulumi.Output<SubExperimentOutput>;

  constructor(name: string, args: MeasurementFunctionsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('faasbench:aws:MeasurementFunctions', name, {}, opts);
    const { experiment, subExperiment: sub, shared } = args;
    const runtime = lambdaRuntime(sub.runtime);
    const code = shared.packages.codeFor(runtime.adapter, sub.packageSizeMb);
    const plain: FunctionSpec = {
      role: shared.role.arn,
      environment: functionEnvironment(sub, args.config.region, args.token),
      timeoutSeconds: timeoutSeconds(),
      // The policy attachment is not an input of the function, yet without it the first cold
      // starts could not write their logs.
      dependsOn: [shared.logsPolicy],
    };
    const limit = replicaNameLimit(sub, LAMBDA_FUNCTION_NAME);

    const endpoints: pulumi.Output<EndpointOutput>[] = [];
    for (let replica = 0; replica < sub.parallelism; replica++) {
      const functionName = replicaName(
        { stack: args.stackName, experimentTitle: experiment.title, experimentFile: experiment.file, subIndex: sub.index, replica },
        limit,
      );
      let endpoint: { fn: aws.lambda.Function; url: aws.lambda.FunctionUrl };
      if (sub.chain === null) {
        endpoint = this.deployFunction(functionName, plain, runtime, code, args);
      } else {
        const storage = sub.chain.transfer === 'storage' ? shared.transferStore : undefined;
        if (sub.chain.transfer === 'storage' && storage === undefined) throw new Error(`sub-experiment ${sub.index} of ${experiment.file} is a storage chain, but the stack made no transfer bucket`);
        let next: aws.lambda.FunctionUrl | null = null;
        for (const hop of hopsLastFirst(sub.chain)) {
          const spec: FunctionSpec = {
            role: storage?.role.arn ?? plain.role,
            environment: {
              ...plain.environment,
              ...chainHopEnv(sub, 'aws', hop.position, null),
              ...(next === null ? {} : { [CHAIN_ENV.nextHopUrl]: next.functionUrl }),
              ...(storage === undefined ? {} : { [STORE_ENV.bucket]: storage.bucket.bucket }),
            },
            timeoutSeconds: chainTimeoutSeconds(sub.requestTimeoutMs),
            dependsOn: storage?.ready ?? plain.dependsOn,
          };
          endpoint = this.deployFunction(`${functionName}${hop.suffix}`, spec, runtime, code, args);
          next = endpoint.url;
        }
      }
      const { fn, url } = endpoint!;
      endpoints.push(
        pulumi.all([url.functionUrl, fn.name, code.packageBytes]).apply(([endpointUrl, deployedName, packageBytes]) => ({
          url: endpointUrl,
          vendor: 'aws' as const,
          region: args.config.region,
          runtime: sub.runtime,
          memoryMb: sub.memoryMb,
          packageBytes,
          replica,
          functionName: deployedName,
        })),
      );
    }

    this.output = pulumi.all(endpoints).apply((list) => subExperimentOutput(sub, list));
    this.registerOutputs({ output: this.output });
  }

  /** One function with its log group and public Function URL. */
  private deployFunction(
    functionName: string,
    spec: FunctionSpec,
    runtime: LambdaRuntime,
    code: LambdaCode,
    args: MeasurementFunctionsArgs,
  ): { fn: aws.lambda.Function; url: aws.lambda.FunctionUrl } {
    const children = { parent: this, provider: args.shared.provider };
    // Created before the function, so Lambda never makes its own unmanaged group of this name
    // that `pulumi destroy` would leave behind.
    const logGroup = new aws.cloudwatch.LogGroup(`${functionName}-logs`, { name: logGroupName(functionName), retentionInDays: LOG_RETENTION_DAYS }, children);
    const fn = new aws.lambda.Function(
      functionName,
      {
        name: functionName,
        role: spec.role,
        runtime: runtime.id,
        handler: runtime.handler,
        architectures: [args.config.architecture],
        memorySize: args.subExperiment.memoryMb,
        timeout: spec.timeoutSeconds,
        environment: { variables: spec.environment },
        loggingConfig: { logFormat: 'Text', logGroup: logGroup.name },
        ...code.args,
      },
      { ...children, dependsOn: spec.dependsOn },
    );
    // authorizationType NONE: the URL is public and the function itself refuses requests
    // without the stack's token, so no request signing is needed on the benchmark's hot path.
    const url = new aws.lambda.FunctionUrl(`${functionName}-url`, { functionName: fn.name, authorizationType: 'NONE' }, children);
    this.logGroups.push(logGroup);
    this.functions.push(fn);
    this.urls.push(url);
    return { fn, url };
  }
}
