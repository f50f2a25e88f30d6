/** Folders faasbench keeps between runs, relative to the project root (all gitignored). */

/** Built packages, content-addressed: a second build of the same package is free. */
export const PACKAGE_CACHE_DIR = '.faasbench/packages';

/** The local platform's bundled child entry points and per-run instance folders. */
export const LOCAL_WORK_DIR = '.faasbench/local';
