import { cliProblem, destroyAndRemove, type StackBackend, StackMissingError } from '../stack/index.js';
import { selectLeftovers, type SweepDecision, type SweepRules } from './select-leftovers.js';

export interface SweepResult {
  readonly decision: SweepDecision;
  /** `destroyed`, `gone` (named but not there), `kept` (not a leftover), `dry run`, or `failed`. */
  readonly outcome: 'destroyed' | 'gone' | 'kept' | 'dry run' | 'failed';
  readonly problem: string | null;
  readonly finishCommands: string | null;
}

/** Lists the backend's stacks, decides which are leftovers, destroys and removes each. */
export async function sweep(backend: StackBackend, rules: SweepRules, options: { now: Date; dryRun: boolean; log: (text: string) => void }): Promise<SweepResult[]> {
  const listed = await backend.list();
  const decisions = selectLeftovers(listed, rules, options.now);
  // A stack named on the command line that the backend does not list is already gone.
  for (const name of rules.stacks) {
    if (!listed.some((s) => s.name === name)) decisions.push({ name, sweep: false, why: 'named on the command line, but there is no such stack', staleLock: false });
  }
  const results: SweepResult[] = [];
  for (const decision of decisions) {
    if (!decision.sweep) {
      results.push({ decision, outcome: rules.stacks.has(decision.name) ? 'gone' : 'kept', problem: null, finishCommands: null });
      continue;
    }
    if (options.dryRun) {
      results.push({ decision, outcome: 'dry run', problem: null, finishCommands: null });
      continue;
    }
    try {
      const stack = await backend.select(decision.name);
      if (decision.staleLock) await stack.cancel().catch(() => undefined);
      const outcome = await destroyAndRemove(stack, options.log);
      results.push(
        outcome.ok
          ? { decision, outcome: 'destroyed', problem: null, finishCommands: null }
          : { decision, outcome: 'failed', problem: outcome.problem, finishCommands: backend.finishCommands(decision.name, { locked: outcome.locked }) },
      );
    } catch (error) {
      if (error instanceof StackMissingError) {
        results.push({ decision, outcome: 'gone', problem: null, finishCommands: null });
        continue;
      }
      results.push({ decision, outcome: 'failed', problem: cliProblem(error), finishCommands: backend.finishCommands(decision.name, { locked: false }) });
    }
  }
  return results;
}

export function formatSweep(results: readonly SweepResult[]): string {
  if (results.length === 0) return 'No faasbench stacks found.';
  const rows = [['stack', 'outcome', 'why'], ...results.map((r) => [r.decision.name, r.outcome, r.problem === null ? r.decision.why : `${r.decision.why}; ${r.problem}`])];
  const widths = [0, 1].map((c) => Math.max(...rows.map((row) => (row[c] as string).length)));
  const lines = rows.map((row) => `${(row[0] as string).padEnd(widths[0] as number)}  ${(row[1] as string).padEnd(widths[1] as number)}  ${row[2]}`);
  const failed = results.filter((r) => r.outcome === 'failed');
  if (failed.length > 0) {
    lines.push('', `${failed.length} stack${failed.length === 1 ? ' was' : 's were'} NOT destroyed. Finish the job with:`);
    for (const r of failed) lines.push(`  ${r.finishCommands}`);
  }
  return lines.join('\n');
}
