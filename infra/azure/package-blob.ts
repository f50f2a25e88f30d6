import * as pulumi from '@pulumi/pulumi';
import * as storage from '@pulumi/azure-native/storage/index.js';
import { buildPackage } from '../packaging/index.js';
import { packageBlobName } from './names.js';
import { azurePackageRecipe } from './package-recipe.js';

/** One distinct package, uploaded once and shared by every app that runs it. */
export interface AzurePackage {
  readonly blob: storage.Blob;
  /** The blob's URL with the read SAS: what WEBSITE_RUN_FROM_PACKAGE points at (secret). */
  readonly url: pulumi.Output<string>;
  /** Exact size of the zip. */
  readonly bytes: pulumi.Output<number>;
}

export interface PackageBlobArgs {
  readonly packageSizeMb: number;
  readonly packageCacheDir: string;
  readonly resourceGroupName: pulumi.Input<string>;
  readonly accountName: pulumi.Input<string>;
  readonly containerName: pulumi.Input<string>;
  /** A read SAS token valid for the container. */
  readonly sasToken: pulumi.Input<string>;
}

/**
 * Builds (or finds in the cache) the package padded to `packageSizeMb` and uploads it. The blob
 * name carries the package hash, so new code is a new blob: apps switch to it on the next
 * `pulumi up` and never run a half-replaced package.
 */
export function packageBlob(name: string, args: PackageBlobArgs, opts: pulumi.CustomResourceOptions): AzurePackage {
  const built = pulumi.output(
    buildPackage({ recipe: azurePackageRecipe, packageSizeMb: args.packageSizeMb, cacheDir: args.packageCacheDir }),
  );
  const blob = new storage.Blob(
    name,
    {
      resourceGroupName: args.resourceGroupName,
      accountName: args.accountName,
      containerName: args.containerName,
      blobName: built.apply((p) => packageBlobName(args.packageSizeMb, p.sha256)),
      type: storage.BlobType.Block,
      contentType: 'application/zip',
      source: built.apply((p) => new pulumi.asset.FileAsset(p.path)),
    },
    opts,
  );
  return {
    blob,
    url: pulumi.secret(pulumi.interpolate`${blob.url}?${args.sasToken}`),
    bytes: built.apply((p) => p.bytes),
  };
}
