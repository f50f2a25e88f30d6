import { cliProblem } from './automation-backend.js';
import { type PipelineStack, StackLockedError } from './backend.js';

export type DestroyOutcome = { readonly ok: true } | { readonly ok: false; readonly locked: boolean; readonly problem: string };

/**
 * destroy, then stack rm. A lock left by an update that did not end (a killed run on a
 * self-managed backend) is cleared with `pulumi cancel` and the destroy tried once more; nothing
 * else is retried. Never throws: the outcome says what failed.
 */
export async function destroyAndRemove(stack: PipelineStack, log: (text: string) => void): Promise<DestroyOutcome> {
  let locked = false;
  try {
    try {
      await stack.destroy({ onOutput: log });
    } catch (error) {
      if (!(error instanceof StackLockedError)) throw error;
      locked = true;
      log(`faasbench: ${stack.name} is locked by an update that did not end; pulumi cancel, then destroy again\n`);
      await stack.cancel();
      await stack.destroy({ onOutput: log });
      locked = false;
    }
  } catch (error) {
    return { ok: false, locked, problem: `pulumi destroy failed: ${cliProblem(error)}` };
  }
  try {
    await stack.remove();
  } catch (error) {
    return { ok: false, locked: false, problem: `the resources are gone but pulumi stack rm failed: ${cliProblem(error)}` };
  }
  return { ok: true };
}
