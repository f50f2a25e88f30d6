import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { TRANSFER_KEY_PREFIX } from '../../measurement-functions/storage/transfer-key.js';

/**
 * The S3 bucket storage chains pass their payloads through, and the one role allowed to use it.
 * Made once per stack, only when some sub-experiment is a storage chain, and destroyed with it.
 * Plain functions and inline chains keep the stack's log-only role: they cannot reach the bucket.
 */

/** Days before S3 deletes a payload a failed hop left behind: the smallest unit S3 offers. */
export const TRANSFER_EXPIRY_DAYS = 1;

/**
 * What a storage hop may do: write, read and delete objects under the transfer prefix of this one
 * bucket, and list that prefix. The list right is there because without it S3 answers a GET of a
 * missing key with 403 AccessDenied instead of 404 NoSuchKey, and a hop row would say "denied"
 * for "not found".
 */
export function transferAccessPolicy(bucketArn: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'TransferObjects',
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
        Resource: `${bucketArn}/${TRANSFER_KEY_PREFIX}*`,
      },
      {
        Sid: 'ListTransfers',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: bucketArn,
        Condition: { StringLike: { 's3:prefix': [`${TRANSFER_KEY_PREFIX}*`] } },
      },
    ],
  };
}

export interface AwsTransferStore {
  readonly bucket: aws.s3.Bucket;
  /** The execution role of storage chain functions: logs, and the bucket's transfer prefix. */
  readonly role: aws.iam.Role;
  /** What a storage hop's first cold start needs in place: its logs and its S3 rights. */
  readonly ready: pulumi.Resource[];
}

/** `prefix` is the stack's name prefix (`fb-<stack>-`); `options` carry the parent and provider. */
export function createTransferStore(name: string, prefix: string, options: pulumi.CustomResourceOptions): AwsTransferStore {
  // forceDestroy: the bucket only ever holds payloads of this stack's chains.
  const bucket = new aws.s3.Bucket(`${name}-transfers`, { bucketPrefix: `${prefix}transfers-`, forceDestroy: true }, options);
  new aws.s3.BucketPublicAccessBlock(
    `${name}-transfers-private`,
    { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    options,
  );
  // Consumers delete what they read and a study deletes what is left at its end; this catches the rest.
  new aws.s3.BucketLifecycleConfiguration(
    `${name}-transfers-expiry`,
    {
      bucket: bucket.id,
      rules: [
        {
          id: 'expire-transfers',
          status: 'Enabled',
          filter: { prefix: TRANSFER_KEY_PREFIX },
          expiration: { days: TRANSFER_EXPIRY_DAYS },
          abortIncompleteMultipartUpload: { daysAfterInitiation: TRANSFER_EXPIRY_DAYS },
        },
      ],
    },
    options,
  );
  const role = new aws.iam.Role(
    `${name}-chain-role`,
    { namePrefix: `${prefix}chain-`, assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal(aws.iam.Principals.LambdaPrincipal) },
    options,
  );
  const logs = new aws.iam.RolePolicyAttachment(`${name}-chain-logs`, { role: role.name, policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole }, options);
  const access = new aws.iam.RolePolicy(
    `${name}-chain-transfers`,
    { role: role.name, policy: bucket.arn.apply((arn) => JSON.stringify(transferAccessPolicy(arn))) },
    options,
  );
  return { bucket, role, ready: [logs, access] };
}
