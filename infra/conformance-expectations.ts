/**
 * What the conformance suite (`npm run conformance`) may expect of a vendor's deployed function
 * beyond its capabilities table: the quirks that make a correct function look different from
 * vendor to vendor. Each vendor's folder owns its own (`infra/<vendor>/conformance.ts`); plain
 * data, no Pulumi, because the runner reads it.
 */
export interface ConformanceExpectations {
  /**
   * Requests that arrive together at one endpoint are served by separate instances (one request
   * per instance: Lambda, Cloud Run functions at concurrency 1, the local platform), so the suite
   * can make new instances on demand and watch their first request.
   */
  readonly newInstanceOnConcurrency: boolean;
  /** The function's clock advances while it computes: it times its own spin and refuses none of spinMs. */
  readonly clockAdvances: boolean;
  /** The function can tell when its module finished loading (initEndedAt is never null). */
  readonly initEndKnown: boolean;
  /** What the function reports as `runtime` for the faasbench runtime name it was deployed as. */
  readonly reportedRuntime: (deployedRuntime: string) => RegExp;
}

/** "nodejs22" → "nodejs v22.…", "python3.12" → "python 3.12.…": what the shared cores report. */
export function coreRuntimeLabel(deployedRuntime: string): RegExp {
  const node = /^nodejs(\d+)$/.exec(deployedRuntime);
  if (node !== null) return new RegExp(`^nodejs v${node[1]}\\.`);
  const python = /^python(\d+)\.(\d+)$/.exec(deployedRuntime);
  if (python !== null) return new RegExp(`^python ${python[1]}\\.${python[2]}\\.`);
  return new RegExp(`^${deployedRuntime.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
