import * as pulumi from '@pulumi/pulumi';
import * as storage from '@pulumi/azure-native/storage/index.js';
import { buildPackage, type BuiltPackage } from '../packaging/index.js';
import { FLEX_PACKAGE_BLOB, flexContainerName, packageBlobName } from './names.js';
import { azurePackageRecipe } from './package-recipe.js';

/** One distinct package, uploaded once and shared by every app that runs it. */
export interface AzurePackage {
  readonly blob: storage.Blob;
  /** Exact size of the zip. */
  readonly bytes: pulumi.Output<number>;
  /** The zip's sha256: what the apps run, so a new one re-syncs their triggers. */
  readonly sha256: pulumi.Output<string>;
}

/** A Linux Consumption package: a blob the apps read through a SAS URL. */
export interface ConsumptionPackage extends AzurePackage {
  /** The blob's URL with the read SAS: what WEBSITE_RUN_FROM_PACKAGE points at (secret). */
  readonly url: pulumi.Output<string>;
}

/** A Flex Consumption package: a deployment container holding it as released-package.zip. */
export interface FlexPackage extends AzurePackage {
  readonly container: storage.BlobContainer;
  /** https://<account>.blob.core.windows.net/<container>: functionAppConfig.deployment.storage.value. */
  readonly containerUrl: pulumi.Output<string>;
}

export interface PackageBlobArgs {
  readonly packageSizeMb: number;
  readonly packageCacheDir: string;
  readonly resourceGroupName: pulumi.Input<string>;
  readonly accountName: pulumi.Input<string>;
}

function build(args: PackageBlobArgs): pulumi.Output<BuiltPackage> {
  return pulumi.output(buildPackage({ recipe: azurePackageRecipe, packageSizeMb: args.packageSizeMb, cacheDir: args.packageCacheDir }));
}

/**
 * Builds (or finds in the cache) the package padded to `packageSizeMb` and uploads it to the
 * shared package container. The blob name carries the package hash, so new code is a new blob:
 * apps switch to it on the next `pulumi up` and never run a half-replaced package.
 */
export function consumptionPackage(
  name: string,
  args: PackageBlobArgs & { readonly containerName: pulumi.Input<string>; readonly sasToken: pulumi.Input<string> },
  opts: pulumi.CustomResourceOptions,
): ConsumptionPackage {
  const built = build(args);
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
    sha256: built.apply((p) => p.sha256),
  };
}

/**
 * The same package for Flex Consumption: a private container of its own, named by the package
 * hash, with the zip as released-package.zip. Apps point their deployment storage at the
 * container, so a changed package is a new container and a changed app setting.
 */
export function flexPackage(name: string, args: PackageBlobArgs, opts: pulumi.CustomResourceOptions): FlexPackage {
  const built = build(args);
  const container = new storage.BlobContainer(
    `${name}-container`,
    {
      resourceGroupName: args.resourceGroupName,
      accountName: args.accountName,
      containerName: built.apply((p) => flexContainerName(p.sha256)),
      publicAccess: storage.PublicAccess.None,
    },
    opts,
  );
  const blob = new storage.Blob(
    name,
    {
      resourceGroupName: args.resourceGroupName,
      accountName: args.accountName,
      containerName: container.name,
      blobName: FLEX_PACKAGE_BLOB,
      type: storage.BlobType.Block,
      contentType: 'application/zip',
      source: built.apply((p) => new pulumi.asset.FileAsset(p.path)),
    },
    opts,
  );
  return {
    blob,
    container,
    containerUrl: pulumi.interpolate`https://${args.accountName}.blob.core.windows.net/${container.name}`,
    bytes: built.apply((p) => p.bytes),
    sha256: built.apply((p) => p.sha256),
  };
}
