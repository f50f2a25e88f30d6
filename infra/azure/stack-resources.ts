import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import * as resources from '@pulumi/azure-native/resources/index.js';
import * as storage from '@pulumi/azure-native/storage/index.js';
import type { AzurePlan } from '../config.js';
import { resourceGroupLogicalName, SUFFIX_LENGTH, storageAccountName } from './names.js';
import { type ConsumptionPackage, consumptionPackage, type FlexPackage, flexPackage } from './package-blob.js';
import { type TransferContainer, transferContainer } from './transfer-container.js';

export interface AzureStackResourcesArgs {
  readonly stackName: string;
  readonly location: string;
  readonly packageCacheDir: string;
  readonly plan: AzurePlan;
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
 * storage account the Functions hosts use, and the packages: on Linux Consumption one container
 * with one blob per distinct package, read through a SAS; on Flex Consumption one deployment
 * container per distinct package.
 */
export class AzureStackResources extends pulumi.ComponentResource {
  readonly resourceGroup: resources.ResourceGroup;
  /** Lower-case letters and digits, fixed for the life of the stack. */
  readonly suffix: pulumi.Output<string>;
  readonly storageAccount: storage.StorageAccount;
  /** The Linux Consumption package container; undefined on Flex Consumption. */
  readonly container: storage.BlobContainer | undefined;
  /** AzureWebJobsStorage for every app (secret). */
  readonly storageConnection: pulumi.Output<string>;
  private readonly sasToken: pulumi.Output<string> | undefined;
  private readonly consumptionPackages = new Map<number, ConsumptionPackage>();
  private readonly flexPackages = new Map<number, FlexPackage>();
  private transfers: TransferContainer | undefined;
  private readonly packageCacheDir: string;
  private readonly baseName: string;

  constructor(name: string, args: AzureStackResourcesArgs, opts?: pulumi.ComponentResourceOptions) {
    super('faasbench:azure:StackResources', name, {}, opts);
    const parent = { parent: this };
    this.packageCacheDir = args.packageCacheDir;
    this.baseName = name;

    this.resourceGroup = new resources.ResourceGroup(resourceGroupLogicalName(args.stackName), { location: args.location }, parent);
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
        // Shared keys sign AzureWebJobsStorage, the deployment storage setting and the package SAS.
        allowSharedKeyAccess: true,
        minimumTlsVersion: storage.MinimumTlsVersion.TLS1_2,
      },
      parent,
    );
    const accountName = this.storageAccount.name;
    const key = storage.listStorageAccountKeysOutput({ resourceGroupName, accountName }, parent).keys.apply((keys) => {
      const first = keys[0];
      if (first === undefined) throw new Error('Azure returned no keys for the faasbench storage account');
      return first.value;
    });
    this.storageConnection = pulumi.secret(
      pulumi.interpolate`DefaultEndpointsProtocol=https;AccountName=${accountName};AccountKey=${key};EndpointSuffix=core.windows.net`,
    );
    if (args.plan === 'consumption') {
      this.container = new storage.BlobContainer(
        `${name}-packages`,
        { resourceGroupName, accountName, containerName: 'packages', publicAccess: storage.PublicAccess.None },
        parent,
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
    }
    this.registerOutputs({ resourceGroupName, storageAccountName: accountName });
  }

  /** The Linux Consumption package padded to `packageSizeMb`, uploaded on first request and shared after that. */
  consumptionPackageFor(packageSizeMb: number): ConsumptionPackage {
    if (this.container === undefined || this.sasToken === undefined) throw new Error('a Flex Consumption stack has no run-from-package container');
    let pkg = this.consumptionPackages.get(packageSizeMb);
    if (pkg === undefined) {
      pkg = consumptionPackage(
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
      this.consumptionPackages.set(packageSizeMb, pkg);
    }
    return pkg;
  }

  /** The storage chains' transfer container, its SAS and lifecycle rule: made on first request, so only a stack with storage chains has them. */
  transferContainer(): TransferContainer {
    this.transfers ??= transferContainer(this.baseName, { resourceGroupName: this.resourceGroup.name, accountName: this.storageAccount.name }, { parent: this });
    return this.transfers;
  }

  /** The Flex Consumption package padded to `packageSizeMb`, in a deployment container of its own. */
  flexPackageFor(packageSizeMb: number): FlexPackage {
    let pkg = this.flexPackages.get(packageSizeMb);
    if (pkg === undefined) {
      pkg = flexPackage(
        `${this.baseName}-flex-package-${packageSizeMb}mb`,
        {
          packageSizeMb,
          packageCacheDir: this.packageCacheDir,
          resourceGroupName: this.resourceGroup.name,
          accountName: this.storageAccount.name,
        },
        { parent: this },
      );
      this.flexPackages.set(packageSizeMb, pkg);
    }
    return pkg;
  }
}
