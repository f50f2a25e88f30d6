import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { slug } from '../naming.js';
import { CodePackages } from './code-packages.js';
import { type AwsTransferStore, createTransferStore } from './transfer-store.js';

export interface AwsStackResourcesArgs {
  readonly stackName: string;
  /** Region of every AWS resource in the stack, e.g. "eu-west-1". */
  readonly region: string;
  /** True when some package is too large for a direct upload and goes through S3. */
  readonly needsCodeBucket: boolean;
  /** Content-addressed package cache (see infra/packaging). */
  readonly packageCacheDir: string;
  /** True when some sub-experiment is a storage chain: the stack then has a transfer bucket. */
  readonly needsTransferStore?: boolean;
}

/**
 * What every AWS function of the stack shares: one explicit provider pinned to the configured
 * region (so ambient AWS_REGION or profile settings cannot move part of the stack), one execution
 * role that may write logs and nothing else, the code bucket when a package needs it, and the
 * transfer bucket with the storage chains' own role when a sub-experiment is a storage chain.
 */
export class AwsStackResources extends pulumi.ComponentResource {
  readonly provider: aws.Provider;
  readonly role: aws.iam.Role;
  readonly logsPolicy: aws.iam.RolePolicyAttachment;
  readonly codeBucket: aws.s3.Bucket | undefined;
  readonly packages: CodePackages;
  /** undefined unless some sub-experiment is a storage chain. */
  readonly transferStore: AwsTransferStore | undefined;

  constructor(name: string, args: AwsStackResourcesArgs, opts?: pulumi.ComponentResourceOptions) {
    super('faasbench:aws:StackResources', name, {}, opts);
    this.provider = new aws.Provider(
      `${name}-provider`,
      { region: args.region, defaultTags: { tags: { 'faasbench:stack': args.stackName } } },
      { parent: this },
    );
    const children = { parent: this, provider: this.provider };
    // Physical names say which stack they belong to; the provider appends a unique suffix (role
    // prefixes may have 38 characters, bucket prefixes 37).
    const prefix = `fb-${slug(args.stackName).slice(0, 20).replace(/-+$/, '')}-`;

    this.role = new aws.iam.Role(
      `${name}-lambda-role`,
      {
        namePrefix: `${prefix}lambda-`,
        assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal(aws.iam.Principals.LambdaPrincipal),
      },
      children,
    );
    this.logsPolicy = new aws.iam.RolePolicyAttachment(
      `${name}-lambda-logs`,
      { role: this.role.name, policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole },
      children,
    );
    // forceDestroy: the bucket holds only packages this stack uploaded, so `pulumi destroy` may
    // empty it rather than fail on a non-empty bucket.
    this.codeBucket = args.needsCodeBucket
      ? new aws.s3.Bucket(`${name}-code`, { bucketPrefix: `${prefix}code-`, forceDestroy: true }, children)
      : undefined;
    this.transferStore = args.needsTransferStore === true ? createTransferStore(name, prefix, children) : undefined;
    this.packages = new CodePackages({ cacheDir: args.packageCacheDir, bucket: this.codeBucket, resourceOptions: children });
    this.registerOutputs({});
  }
}
