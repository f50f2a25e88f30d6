import * as pulumi from '@pulumi/pulumi';
import * as storage from '@pulumi/azure-native/storage/index.js';
import { TRANSFER_KEY_PREFIX } from '../../measurement-functions/storage/transfer-key.js';

/**
 * Where storage chains pass their payloads on Azure: a private container in the stack's storage
 * account (so `pulumi destroy` removes it with the account), a service SAS scoped to that one
 * container with read, create, write and delete (no list, no other container, no account key),
 * and the account's management policy deleting what a failed hop left one day after it was
 * written. Consumers delete what they read, and the study deletes what it wrote.
 */

/** The container. Blob names are the keys themselves (transfers/<chain id>/hop-…), so the container holds nothing else. */
export const TRANSFER_CONTAINER = TRANSFER_KEY_PREFIX.replace(/\/$/, '');

/** Read, create, write, delete: what a hop does (Put Blob, Get Blob, Delete Blob) and nothing more. */
export const TRANSFER_SAS_PERMISSIONS = 'rcwd';

/**
 * Fixed dates, as for the package SAS (stack-resources.ts): the same token on every `pulumi up`,
 * so a redeploy changes no app setting.
 */
export const TRANSFER_SAS_START = '2026-01-01T00:00:00Z';
export const TRANSFER_SAS_EXPIRY = '2036-01-01T00:00:00Z';

/** Days after its last write a blob under transfers/ is deleted by the management policy. */
export const TRANSFER_EXPIRY_DAYS = 1;

export interface TransferContainer {
  readonly container: storage.BlobContainer;
  /** https://<account>.blob.core.windows.net/transfers: FAASBENCH_STORE_CONTAINER_URL. */
  readonly containerUrl: pulumi.Output<string>;
  /** The container SAS (a secret): FAASBENCH_STORE_SAS. */
  readonly sas: pulumi.Output<string>;
  readonly policy: storage.ManagementPolicy;
}

export function transferContainer(
  name: string,
  args: { readonly resourceGroupName: pulumi.Input<string>; readonly accountName: pulumi.Input<string> },
  opts: pulumi.CustomResourceOptions,
): TransferContainer {
  const { resourceGroupName, accountName } = args;
  const container = new storage.BlobContainer(
    `${name}-transfers`,
    { resourceGroupName, accountName, containerName: TRANSFER_CONTAINER, publicAccess: storage.PublicAccess.None },
    opts,
  );
  const sas = pulumi.secret(
    storage.listStorageAccountServiceSASOutput(
      {
        resourceGroupName,
        accountName,
        canonicalizedResource: pulumi.interpolate`/blob/${accountName}/${container.name}`,
        resource: storage.SignedResource.C,
        permissions: TRANSFER_SAS_PERMISSIONS,
        protocols: storage.HttpProtocol.Https,
        sharedAccessStartTime: TRANSFER_SAS_START,
        sharedAccessExpiryTime: TRANSFER_SAS_EXPIRY,
      },
      opts,
    ).serviceSasToken,
  );
  // An account has exactly one management policy, named "default": a later rule joins this one.
  const policy = new storage.ManagementPolicy(
    `${name}-lifecycle`,
    {
      resourceGroupName,
      accountName,
      managementPolicyName: 'default',
      policy: {
        rules: [
          {
            name: 'expire-transfers',
            enabled: true,
            type: storage.RuleType.Lifecycle,
            definition: {
              // A policy prefix starts with the container's name: "transfers/" is the whole transfer container.
              filters: { blobTypes: ['blockBlob'], prefixMatch: [TRANSFER_KEY_PREFIX] },
              actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: TRANSFER_EXPIRY_DAYS } } },
            },
          },
        ],
      },
    },
    { ...opts, dependsOn: [container] },
  );
  return { container, containerUrl: pulumi.interpolate`https://${accountName}.blob.core.windows.net/${container.name}`, sas, policy };
}
