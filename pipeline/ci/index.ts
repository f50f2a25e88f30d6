export { benchMatrix, type MatrixEntry } from './bench-matrix.js';
export { CI_USAGE, ciCli, type CiIo } from './ci-cli.js';
export { prComment } from './pr-comment.js';
export { touchedVendors } from './touched-vendors.js';
export { NOT_DEPLOYED, smokeExperiment, vendorFolders } from './vendor-folders.js';
