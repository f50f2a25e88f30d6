import * as cloudflare from '@pulumi/cloudflare';
import type * as pulumi from '@pulumi/pulumi';
import { TRANSFER_KEY_PREFIX } from '../../measurement-functions/storage/transfer-key.js';
import { slug } from '../naming.js';

/**
 * The stack's R2 bucket for storage chains, made only when some sub-experiment has one, and
 * reached only through the TRANSFER_BUCKET binding of those chains' scripts (no API token or
 * access key anywhere). Consumers delete what they read and the study deletes what it wrote; the
 * lifecycle rule removes whatever a failed hop left, one day after it was written (R2 acts on
 * expired objects "typically within 24 hours"). Cloudflare refuses to delete a bucket that still
 * holds objects, so `pulumi destroy` after a study that left some waits for the rule.
 */

/** R2 bucket names: 3 to 63 lower-case letters, digits and hyphens. */
const BUCKET_NAME_MAX_LENGTH = 63;
const BUCKET_SUFFIX = '-transfers';

/** Seconds an object may stay: one day, the rule's smallest useful age (maxAge is in seconds). */
export const TRANSFER_MAX_AGE_SECONDS = 86_400;

/** `fb-<stack>-transfers`: one bucket per stack, as every other name of the stack carries the stack's. */
export function transferBucketName(stackName: string): string {
  const head = `fb-${slug(stackName)}`.slice(0, BUCKET_NAME_MAX_LENGTH - BUCKET_SUFFIX.length).replace(/-+$/, '');
  return `${head}${BUCKET_SUFFIX}`;
}

export interface TransferBucket {
  readonly bucket: cloudflare.R2Bucket;
  readonly lifecycle: cloudflare.R2BucketLifecycle;
}

export function transferBucket(stackName: string, accountId: string, opts: pulumi.CustomResourceOptions): TransferBucket {
  const name = transferBucketName(stackName);
  const bucket = new cloudflare.R2Bucket(name, { accountId, name }, opts);
  const lifecycle = new cloudflare.R2BucketLifecycle(
    `${name}-lifecycle`,
    {
      accountId,
      bucketName: bucket.name,
      rules: [
        {
          id: 'expire-transfers',
          enabled: true,
          conditions: { prefix: TRANSFER_KEY_PREFIX },
          deleteObjectsTransition: { condition: { type: 'Age', maxAge: TRANSFER_MAX_AGE_SECONDS } },
        },
      ],
    },
    opts,
  );
  return { bucket, lifecycle };
}
