import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { buildPackage, type BuiltPackage, MIB_BYTES, requestedPackageBytes } from '../packaging/index.js';
import { RECIPES } from './recipes.js';
import type { AdapterKind } from './runtimes.js';

/**
 * Largest zip sent inside the CreateFunction request itself. AWS documents "50 MB", but the zip
 * travels base64-encoded and the request must stay under 69,905,067 bytes, so a 50 MiB zip
 * (69,905,068 base64 characters) is already refused. 50,000,000 bytes leaves about 3 MB for the
 * rest of the request; anything larger goes through S3.
 */
export const DIRECT_UPLOAD_MAX_BYTES = 50_000_000;

export type UploadRoute = 'direct' | 's3';

/**
 * Decided from the requested size, before anything is built, so the resource graph (and whether
 * a code bucket exists) is known at preview. The code is a few kB, so the built zip is the
 * requested size whenever that is above the limit.
 */
export function uploadRoute(packageSizeMb: number): UploadRoute {
  return requestedPackageBytes(packageSizeMb) > DIRECT_UPLOAD_MAX_BYTES ? 's3' : 'direct';
}

/** The Function arguments that carry one package, and the package's exact size. */
export interface LambdaCode {
  readonly route: UploadRoute;
  readonly args: Pick<aws.lambda.FunctionArgs, 'code' | 's3Bucket' | 's3Key' | 'sourceCodeHash'>;
  readonly packageBytes: pulumi.Output<number>;
}

export interface CodePackagesOptions {
  /** Content-addressed package cache (see infra/packaging). */
  readonly cacheDir: string;
  /** Bucket for packages over DIRECT_UPLOAD_MAX_BYTES; undefined when no package needs one. */
  readonly bucket: aws.s3.Bucket | undefined;
  /** Provider and parent of the S3 objects. */
  readonly resourceOptions: pulumi.CustomResourceOptions;
}

/**
 * Every package of one stack. Each distinct package (adapter and size) is built once and, when
 * it goes through S3, uploaded once: every replica and sub-experiment using it shares the object.
 */
export class CodePackages {
  private readonly codes = new Map<string, LambdaCode>();

  constructor(private readonly options: CodePackagesOptions) {}

  codeFor(adapter: AdapterKind, packageSizeMb: number): LambdaCode {
    const recipe = RECIPES[adapter];
    const requestedBytes = requestedPackageBytes(packageSizeMb);
    const key = `${recipe.id}-${requestedBytes}`;
    let code = this.codes.get(key);
    if (code === undefined) {
      const route = uploadRoute(packageSizeMb);
      const built = buildPackage({ recipe, packageSizeMb, cacheDir: this.options.cacheDir }).then((b) => checkRoute(b, route));
      const label = `${recipe.id}-${Number((requestedBytes / MIB_BYTES).toFixed(3))}mib`;
      code = route === 's3' ? this.viaS3(label, recipe.id, built) : direct(built);
      this.codes.set(key, code);
    }
    return code;
  }

  private viaS3(label: string, recipeId: string, built: Promise<BuiltPackage>): LambdaCode {
    const bucket = this.options.bucket;
    if (bucket === undefined) throw new Error(`package ${label} needs the code bucket, which was not created`);
    const object = new aws.s3.BucketObjectv2(
      `code-${label}`,
      {
        bucket: bucket.bucket,
        // Content-addressed: a changed package is a new object, an unchanged one plans nothing.
        key: pulumi.output(built).apply((b) => `${recipeId}/${b.sha256}.zip`),
        source: new pulumi.asset.FileAsset(built.then((b) => b.path)),
        contentType: 'application/zip',
      },
      this.options.resourceOptions,
    );
    return {
      route: 's3',
      args: { s3Bucket: object.bucket, s3Key: object.key, sourceCodeHash: sourceCodeHash(built) },
      packageBytes: pulumi.output(built).apply((b) => b.bytes),
    };
  }
}

function direct(built: Promise<BuiltPackage>): LambdaCode {
  return {
    route: 'direct',
    // A FileArchive of a .zip file is sent byte for byte, not re-zipped, so packageBytes holds.
    args: { code: new pulumi.asset.FileArchive(built.then((b) => b.path)), sourceCodeHash: sourceCodeHash(built) },
    packageBytes: pulumi.output(built).apply((b) => b.bytes),
  };
}

/** What the provider compares to decide on a code update: base64 of the zip's SHA-256 digest. */
function sourceCodeHash(built: Promise<BuiltPackage>): pulumi.Output<string> {
  return pulumi.output(built).apply((b) => Buffer.from(b.sha256, 'hex').toString('base64'));
}

function checkRoute(built: BuiltPackage, route: UploadRoute): BuiltPackage {
  if (route === 'direct' && built.bytes > DIRECT_UPLOAD_MAX_BYTES) {
    throw new Error(`package ${built.path} is ${built.bytes} bytes, too large for a direct upload planned from its requested size`);
  }
  return built;
}
