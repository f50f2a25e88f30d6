import type { PipelineUnit } from '../plan/units.js';
import type { StudyOutcome } from '../study/read-run.js';

export type UnitStatus =
  | 'completed'
  | 'skipped'
  | 'stack exists'
  | 'up failed'
  | 'conformance failed'
  | 'not ready'
  | 'study failed'
  | 'interrupted'
  | 'timed out';

/** `kept`: a preview stack left on purpose (--keep-stacks); `n/a`: no stack was created. */
export type Destroyed = 'yes' | 'no' | 'kept' | 'n/a';

export interface ConformanceSummary {
  readonly passed: boolean;
  /** The pass/fail table as text (console) and as Markdown (pull request comment). */
  readonly text: string;
  readonly markdown: string;
}

export interface UnitResult {
  readonly unit: PipelineUnit;
  readonly stack: string;
  readonly status: UnitStatus;
  /** What broke, in one sentence; null when nothing did. */
  readonly problem: string | null;
  readonly destroyed: Destroyed;
  /** The commands that finish the job by hand, when the stack could not be destroyed. */
  readonly finishCommands: string | null;
  /** Where this unit's results and logs are (`<results>/<stack>/`). */
  readonly dir: string;
  readonly study: StudyOutcome | null;
  readonly conformance: ConformanceSummary | null;
  readonly durationsMs: { readonly up: number | null; readonly study: number | null; readonly destroy: number | null };
}
