import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ResolvedExperiment, ResolvedSubExperiment } from '../../experiments/schema/index.js';
import type { VendorStackConfig } from '../config.js';
import { replicaName } from '../naming.js';
import { type EndpointOutput, type SubExperimentOutput, subExperimentOutput } from '../outputs.js';
import { functionEnvironment, LOG_RETENTION_DAYS, logGroupName, timeoutSeconds } from './function-settings.js';
import { LAMBDA_FUNCTION_NAME } from './names.js';
import { lambdaRuntime } from './runtimes.js';
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

/**
 * The endpoints of one sub-experiment: `parallelism` identical Lambda functions, each with its
 * own log group and public Function URL. Separate functions, not one function called in
 * parallel, because Lambda keeps warm instances per function: replicas must not warm each other.
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
    const children = { parent: this, provider: shared.provider };

    const endpoints: pulumi.Output<EndpointOutput>[] = [];
    for (let replica = 0; replica < sub.parallelism; replica++) {
      const functionName = replicaName(
        { stack: args.stackName, experimentTitle: experiment.title, experimentFile: experiment.file, subIndex: sub.index, replica },
        LAMBDA_FUNCTION_NAME,
      );
      // Created before the function, so Lambda never makes its own unmanaged group of this name
      // that `pulumi destroy` would leave behind.
      const logGroup = new aws.cloudwatch.LogGroup(
        `${functionName}-logs`,
        { name: logGroupName(functionName), retentionInDays: LOG_RETENTION_DAYS },
        children,
      );
      const fn = new aws.lambda.Function(
        functionName,
        {
          name: functionName,
          role: shared.role.arn,
          runtime: runtime.id,
          handler: runtime.handler,
          architectures: [args.config.architecture],
          memorySize: sub.memoryMb,
          timeout: timeoutSeconds(),
          environment: { variables: functionEnvironment(sub, args.config.region, args.token) },
          loggingConfig: { logFormat: 'Text', logGroup: logGroup.name },
          ...code.args,
        },
        // The policy attachment is not an input of the function, yet without it the first cold
        // starts could not write their logs.
        { ...children, dependsOn: [shared.logsPolicy] },
      );
      // authorizationType NONE: the URL is public and the function itself refuses requests
      // without the stack's token, so no request signing is needed on the benchmark's hot path.
      const url = new aws.lambda.FunctionUrl(`${functionName}-url`, { functionName: fn.name, authorizationType: 'NONE' }, children);
      this.logGroups.push(logGroup);
      this.functions.push(fn);
      this.urls.push(url);
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
}
