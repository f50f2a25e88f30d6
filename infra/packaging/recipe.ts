/**
 * What a vendor folder supplies to the packager: the code files of one function package. The
 * packager adds the filler and the zip framing; the recipe never sees either.
 */
export interface PackageFile {
  /** Path inside the zip, with forward slashes (e.g. "index.mjs"). */
  readonly name: string;
  readonly content: Uint8Array | string;
  /** Unix permission bits; 0o644 when absent. */
  readonly mode?: number;
}

export interface PackageRecipe {
  /** Names the kind of package (e.g. "local-nodejs"); part of the cache key. */
  readonly id: string;
  files(): Promise<PackageFile[]>;
}

/** MiB, as STeLLAR and AWS count package sizes. */
export const MIB_BYTES = 1024 * 1024;

/**
 * The zip format without zip64 addresses 32-bit offsets and sizes, and yazl switches to zip64
 * past 0xfffffffe; the central directory must start below that too.
 */
export const MAX_PACKAGE_BYTES = 0xffff_ffff - 1024 * 1024;
