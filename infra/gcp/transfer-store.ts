import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { TRANSFER_KEY_PREFIX } from '../../measurement-functions/storage/transfer-key.js';
import { chainServiceAccountId, transferBucketName } from './names.js';

/**
 * The Cloud Storage bucket storage chains pass their payloads through, and the service account
 * that alone is granted its objects. Made once per stack, only when some sub-experiment is a
 * storage chain, and destroyed with it.
 */

/** Days before Cloud Storage deletes a payload a failed hop left behind: its smallest unit. */
export const TRANSFER_EXPIRY_DAYS = 1;

/**
 * Read, write and delete objects, granted on the transfer bucket only. The predefined role also
 * allows listing and updating objects; a custom role with just storage.objects.create, get and
 * delete would be narrower, but a custom role's id stays reserved for weeks after its stack is
 * destroyed, so every stack would need a new one.
 */
export const TRANSFER_ROLE = 'roles/storage.objectUser';

export interface GcpTransferStore {
  readonly bucket: gcp.storage.Bucket;
  /** The account storage chain functions run as (serviceConfig.serviceAccountEmail). */
  readonly accountEmail: pulumi.Output<string>;
  /** What a storage hop's first request needs in place: its account and its grant on the bucket. */
  readonly ready: pulumi.Resource[];
}

export function createTransferStore(
  name: string,
  args: { readonly project: string; readonly region: string; readonly stackName: string },
  options: pulumi.CustomResourceOptions,
): GcpTransferStore {
  const bucket = new gcp.storage.Bucket(
    `${name}-transfers`,
    {
      name: transferBucketName(args.project, args.stackName),
      location: args.region.toUpperCase(),
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      // It only ever holds payloads of this stack's chains.
      forceDestroy: true,
      // Soft delete would keep, and bill, every payload a hop deleted for a week.
      softDeletePolicy: { retentionDurationSeconds: 0 },
      // Consumers delete what they read and a study deletes what is left at its end; this catches the rest.
      lifecycleRules: [{ action: { type: 'Delete' }, condition: { age: TRANSFER_EXPIRY_DAYS, matchesPrefixes: [TRANSFER_KEY_PREFIX] } }],
    },
    options,
  );
  const account = new gcp.serviceaccount.Account(
    `${name}-chain-account`,
    {
      accountId: chainServiceAccountId(args.project, args.stackName),
      displayName: `faasbench storage chains of stack ${args.stackName}`,
      description: "The stack's storage chain functions run as this account; it may use the stack's transfer bucket and nothing else. Deleted with the stack.",
    },
    options,
  );
  const grant = new gcp.storage.BucketIAMMember(
    `${name}-chain-transfers`,
    { bucket: bucket.name, role: TRANSFER_ROLE, member: pulumi.interpolate`serviceAccount:${account.email}` },
    options,
  );
  return { bucket, accountEmail: account.email, ready: [account, grant] };
}
