import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import type { VendorStackConfig } from '../config.js';
import { buildPackage, type PackageRecipe } from '../packaging/index.js';
import { type BuildServiceAccount, buildServiceAccount } from './build-service-account.js';
import { imageRepositoryId, packageName, packageObjectName, sourceBucketName } from './names.js';
import { createTransferStore, type GcpTransferStore } from './transfer-store.js';

export interface PackageRequest {
  readonly recipe: PackageRecipe;
  readonly packageSizeMb: number;
}

/** One distinct package in the source bucket, shared by every function deployed from it. */
export interface DeployedPackage {
  readonly object: gcp.storage.BucketObject;
  /** Exact size of the zip. */
  readonly bytes: pulumi.Output<number>;
}

export interface GcpFoundationArgs {
  readonly config: VendorStackConfig['gcp'];
  readonly stackName: string;
  readonly packageCacheDir: string;
  readonly provider: gcp.Provider;
  /** Every package the stack's functions use; repeats are built and uploaded once. */
  readonly packages: readonly PackageRequest[];
  /** True when some sub-experiment is a storage chain: the stack then has a transfer bucket. */
  readonly needsTransferStore?: boolean;
}

/**
 * What the stack's functions share: the bucket their packages are uploaded to, the Artifact
 * Registry repository Cloud Build pushes their images to, the service account the builds run
 * as, and, for storage chains, the transfer bucket with the one account granted its objects. The stack owns that repository (rather than Google's default `gcf-artifacts`) so
 * `pulumi destroy` deletes the images too.
 */
export class GcpFoundation extends pulumi.ComponentResource {
  readonly bucket: gcp.storage.Bucket;
  readonly repository: gcp.artifactregistry.Repository;
  /** The repository as `buildConfig.dockerRepository` takes it. */
  readonly dockerRepository: pulumi.Output<string>;
  readonly buildAccount: BuildServiceAccount;
  /** undefined unless some sub-experiment is a storage chain. */
  readonly transferStore: GcpTransferStore | undefined;
  private readonly packages = new Map<string, DeployedPackage>();

  constructor(name: string, args: GcpFoundationArgs, opts?: pulumi.ComponentResourceOptions) {
    super('faasbench:gcp:Foundation', name, {}, opts);
    const { config } = args;
    const childOptions = { parent: this, provider: args.provider };

    this.bucket = new gcp.storage.Bucket(
      `${name}-sources`,
      {
        name: sourceBucketName(config.project, args.stackName),
        location: config.region.toUpperCase(),
        uniformBucketLevelAccess: true,
        publicAccessPrevention: 'enforced',
        forceDestroy: true,
        // Soft delete would keep every destroyed package, up to 1 GiB each, billed for a week.
        softDeletePolicy: { retentionDurationSeconds: 0 },
      },
      childOptions,
    );

    this.repository = new gcp.artifactregistry.Repository(
      `${name}-images`,
      {
        repositoryId: imageRepositoryId(args.stackName),
        location: config.region,
        format: 'DOCKER',
        description: 'Images Cloud Build makes of the faasbench functions of this stack; deleted with the stack.',
      },
      childOptions,
    );
    this.dockerRepository = pulumi.interpolate`projects/${config.project}/locations/${config.region}/repositories/${this.repository.repositoryId}`;
    this.buildAccount = buildServiceAccount(
      name,
      { project: config.project, stackName: args.stackName, existingEmail: config.buildServiceAccount, repository: this.repository },
      childOptions,
    );

    this.transferStore =
      args.needsTransferStore === true ? createTransferStore(name, { project: config.project, region: config.region, stackName: args.stackName }, childOptions) : undefined;

    for (const request of args.packages) {
      const key = packageName(request.recipe.id, request.packageSizeMb);
      if (this.packages.has(key)) continue;
      this.packages.set(key, this.uploadPackage(key, request, args.packageCacheDir, childOptions));
    }

    this.registerOutputs({ bucket: this.bucket.name, dockerRepository: this.dockerRepository, buildServiceAccount: this.buildAccount.name });
  }

  /** The uploaded package for `recipe` at `packageSizeMb`, one of those the foundation was given. */
  package(recipe: PackageRecipe, packageSizeMb: number): DeployedPackage {
    const found = this.packages.get(packageName(recipe.id, packageSizeMb));
    if (found === undefined) throw new Error(`package ${recipe.id} at ${packageSizeMb} MiB was not planned for this stack`);
    return found;
  }

  private uploadPackage(
    key: string,
    request: PackageRequest,
    cacheDir: string,
    options: pulumi.CustomResourceOptions,
  ): DeployedPackage {
    const built = pulumi.output(buildPackage({ recipe: request.recipe, packageSizeMb: request.packageSizeMb, cacheDir }));
    const object = new gcp.storage.BucketObject(
      key,
      {
        bucket: this.bucket.name,
        name: built.apply((p) => packageObjectName(request.recipe.id, p.sha256)),
        source: built.apply((p) => new pulumi.asset.FileAsset(p.path)),
        contentType: 'application/zip',
      },
      options,
    );
    return { object, bytes: built.apply((p) => p.bytes) };
  }
}
