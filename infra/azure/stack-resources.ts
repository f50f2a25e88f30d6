import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import * as resources from '@pulumi/azure-native/resources/index.js';
import * as storage from '@pulumi/azure-native/storage/index.js';
import { slug } from '../naming.js';
import { SUFFIX_LENGTH, storageAccountName } from './names.js';
import { type AzurePackage, packageBlob } from './package-blob.js';

export interface AzureStackResourcesArgs {
  readonly stackName: string;
  readonly location: string;
  readonly packageCacheDir: string;
}

/**
 * A SAS start and expiry fixed in the program, not taken from the clock: the token is a signature
 * over them, so fixed dates give the same token (and the same app settings) on every
 * `pulumi up`, and a redeploy changes nothing. Ten years outlives any benchmark stack.
 */
export const PACKAGE_SAS_START = '2026-01-01T00:00:00Z';
export const PACKAGE_SAS_EXPIRY = '2036-01-01T00:00:00Z';

/**
 * What every Azure sub-experiment of the stack shares, made once: the resource group that holds
 * everything (so `pulumi destroy` leaves nothing behind), the random suffix of global names, the
 * storage account the Functions hosts use, and the package container with one blob per distinct
 * package.
 */
export class AzureStackResources extends pulumi.ComponentResource {
  readonly resourceGroup: resources.ResourceGroup;
  /** Lower-case letters and digits, fixed for the life of the stack. */
  readonly suffix: pulumi.Output<string>;
  readonly storageAccount: storage.StorageAccount;
  readonly container: storage.BlobContainer;
  /** AzureWebJobsStorage for every app (secret). */
  readonly storageConnection: pulumi.Output<string>;
  private readonly sasToken: pulumi.Output<string>;
  private readonly packages = new Map<number, AzurePackage>();
  private readonly packageCacheDir: string;
  private readonly baseName: string;

  constructor(name: string, args: AzureStackResourcesArgs, opts?: pulumi.ComponentResourceOptions) {
    super('faasbench:azure:StackResources', name, {}, opts);
    const parent = { parent: this };
    this.packageCacheDir = args.packageCacheDir;
    this.baseName = name;

    this.resourceGroup = new resources.ResourceGroup(`fb-${slug(args.stackName)}`, { location: args.location }, parent);
    this.suffix = new random.RandomString(
      `${name}-suffix`,
      { length: SUFFIX_LENGTH, lower: true, numeric: true, upper: false, special: false },
      parent,
    ).result;

    const resourceGroupName = this.resourceGroup.name;
    this.storageAccount = new storage.StorageAccount(
      `${name}-storage`,
      {
        resourceGroupName,
        location: args.location,
        accountName: this.suffix.apply((suffix) => storageAccountName(args.stackName, suffix)),
        kind: storage.Kind.StorageV2,
        sku: { name: storage.SkuName.Standard_LRS },
        allowBlobPublicAccess: false,
        // Shared keys sign both AzureWebJobsStorage and the package SAS.
        allowSharedKeyAccess: true,
        minimumTlsVersion: storage.MinimumTlsVersion.TLS1_2,
      },
      parent,
    );
    const accountName = this.storageAccount.name;
    this.container = new storage.BlobContainer(
      `${name}-packages`,
      { resourceGroupName, accountName, containerName: 'packages', publicAccess: storage.PublicAccess.None },
      parent,
    );

    const key = storage.listStorageAccountKeysOutput({ resourceGroupName, accountName }, parent).keys.apply((keys) => {
      const first = keys[0];
      if (first === undefined) throw new Error('Azure returned no keys for the faasbench storage account');
      return first.value;
    });
    this.storageConnection = pulumi.secret(
      pulumi.interpolate`DefaultEndpointsProtocol=https;AccountName=${accountName};AccountKey=${key};EndpointSuffix=core.windows.net`,
    );
    this.sasToken = pulumi.secret(
      storage.listStorageAccountServiceSASOutput(
        {
          resourceGroupName,
          accountName,
          canonicalizedResource: pulumi.interpolate`/blob/${accountName}/${this.container.name}`,
          resource: storage.SignedResource.C,
          permissions: storage.Permissions.R,
          protocols: storage.HttpProtocol.Https,
          sharedAccessStartTime: PACKAGE_SAS_START,
          sharedAccessExpiryTime: PACKAGE_SAS_EXPIRY,
        },
        parent,
      ).serviceSasToken,
    );
    this.registerOutputs({ resourceGroupName, storageAccountName: accountName });
  }

  /** The package padded to `packageSizeMb`, uploaded on first request and shared after that. */
  packageFor(packageSizeMb: number): AzurePackage {
    let pkg = this.packages.get(packageSizeMb);
    if (pkg === undefined) {
      pkg = packageBlob(
        `${this.baseName}-package-${packageSizeMb}mb`,
        {
          packageSizeMb,
          packageCacheDir: this.packageCacheDir,
          resourceGroupName: this.resourceGroup.name,
          accountName: this.storageAccount.name,
          containerName: this.container.name,
          sasToken: this.sasToken,
        },
        { parent: this },
      );
      this.packages.set(packageSizeMb, pkg);
    }
    return pkg;
  }
}
