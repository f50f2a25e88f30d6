import type { PipelineUnit } from '../plan/units.js';
import { runUnit, type UnitContext } from './run-unit.js';
import type { UnitResult } from './unit-result.js';

/**
 * Runs units with at most `parallel` stacks alive at once, in the given order. After a first stop
 * no new unit starts (each reports `skipped`); units already running stop and destroy.
 */
export async function runUnits(
  planned: readonly { readonly unit: PipelineUnit; readonly stack: string }[],
  context: UnitContext,
  parallel: number,
): Promise<UnitResult[]> {
  const results: UnitResult[] = new Array(planned.length);
  let next = 0;
  const worker = async () => {
    while (next < planned.length) {
      const index = next++;
      const { unit, stack } = planned[index] as (typeof planned)[number];
      results[index] = await runUnit(unit, stack, context);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, planned.length)) }, worker));
  return results;
}
