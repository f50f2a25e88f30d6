/**
 * Google Cloud's project limits that a stack can run into. Pure data for the preflight
 * (infra/preflight) and `--dry-run`.
 */
export const GCP_QUOTAS = {
  /**
   * "Number of functions: 1,000 minus the number of Cloud Run services deployed", per region,
   * cannot be increased (https://cloud.google.com/functions/quotas).
   */
  functions: {
    defaultLimit: 1000,
    setting: 'faasbench:gcp.functionsPerRegionLimit',
    howToRaise: 'it cannot be raised, and Cloud Run services of the project in the region count too; split the experiments over stacks in other regions or projects',
  },
  /**
   * Cloud Build runs 10 to 30 builds at once in the default pool, a limit that cannot be raised;
   * further builds wait in its queue (https://cloud.google.com/build/quotas). Every function is a
   * build of its own.
   */
  concurrentBuilds: {
    defaultLimit: 10,
    setting: 'faasbench:gcp.concurrentBuildsLimit',
    howToRaise: 'the default pool cannot be raised; the builds past it wait, so `pulumi up` takes longer, or use a Cloud Build private pool (https://cloud.google.com/build/docs/private-pools/private-pools-overview)',
  },
} as const;
