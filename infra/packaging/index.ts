export { bundleEntry, type BundleOptions } from './bundle.js';
export { type BuildPackageOptions, buildPackage, type BuiltPackage, requestedPackageBytes } from './build-package.js';
export { fillerChunks, fillerStream } from './filler.js';
export { PACKAGE_FORMAT_VERSION } from './package-cache.js';
export { MAX_PACKAGE_BYTES, MIB_BYTES, type PackageFile, type PackageRecipe } from './recipe.js';
export { extractZip, readZipEntries, type ZipEntryInfo } from './zip-reader.js';
export { FILLER_NAME } from './zip-layout.js';
