import type { UnitResult } from '../run/unit-result.js';

/**
 * The pipeline's exit statuses. A stack left behind outranks everything: it costs money until a
 * person acts, so CI must tell it apart from a study that merely failed.
 */
export const PIPELINE_EXIT = {
  /** Every unit completed and every stack was destroyed (or kept on purpose). */
  ok: 0,
  /** A stack, its endpoints or a study failed; every stack was destroyed. */
  failed: 1,
  /** Bad options or experiment files; nothing was created. */
  usage: 2,
  /** At least one stack could not be destroyed: the summary prints the commands that finish it. */
  leftBehind: 3,
  /** Stopped by SIGINT/SIGTERM; every stack was destroyed. */
  interrupted: 130,
} as const;

export function pipelineExitStatus(results: readonly UnitResult[], interrupted: boolean): number {
  if (results.some((r) => r.destroyed === 'no')) return PIPELINE_EXIT.leftBehind;
  if (interrupted) return PIPELINE_EXIT.interrupted;
  if (results.some((r) => r.status !== 'completed')) return PIPELINE_EXIT.failed;
  return PIPELINE_EXIT.ok;
}
