import type { ResolvedExperiment } from '../../experiments/schema/index.js';
import { type LatencyTable, type RequestInput, tableOf } from '../results/latency-table.js';

/**
 * Which factor an experiment sweeps across its sub-experiments: package size, runtime, memory or
 * burst size. A factor is swept when every sub-experiment has exactly one value of it and there are
 * at least two distinct values. A sub-experiment cycling through several burst sizes is not a burst
 * size sweep (its points would mix sizes), and so on for the others.
 *
 * From the resolved experiment when there is one (what was asked for); otherwise from what the
 * functions reported in the records (runtime, memory) and the records' burst sizes. Package size is
 * only known from the experiment.
 */

export type SweepFactorName = 'packageSizeMb' | 'runtime' | 'memoryMb' | 'burstSize';
export type SweepValue = string | number;

export interface SweepFactor {
  readonly name: SweepFactorName;
  /** Axis title, with the unit. */
  readonly title: string;
  readonly quantitative: boolean;
  /** Each sub-experiment's value, by sub-experiment index. */
  readonly values: ReadonlyMap<number, SweepValue>;
}

const FACTORS: readonly { name: SweepFactorName; title: string; quantitative: boolean }[] = [
  { name: 'packageSizeMb', title: 'package size (MB)', quantitative: true },
  { name: 'runtime', title: 'runtime', quantitative: false },
  { name: 'memoryMb', title: 'memory (MB)', quantitative: true },
  { name: 'burstSize', title: 'burst size (requests)', quantitative: true },
];

export function detectSweepFactors(experiment: ResolvedExperiment | null, requests: RequestInput): SweepFactor[] {
  const valuesOf = experiment === null ? reportedValues(tableOf(requests)) : experimentValues(experiment);
  const swept: SweepFactor[] = [];
  for (const factor of FACTORS) {
    const values = valuesOf(factor.name);
    if (values === null || values.size < 2) continue;
    if (new Set(values.values()).size < 2) continue;
    swept.push({ ...factor, values });
  }
  return swept;
}

type ValuesOf = (name: SweepFactorName) => Map<number, SweepValue> | null;

function experimentValues(experiment: ResolvedExperiment): ValuesOf {
  return (name) => {
    const values = new Map<number, SweepValue>();
    for (const sub of experiment.subExperiments) {
      const candidates = name === 'burstSize' ? [...new Set(sub.burstSizes)] : [sub[name]];
      if (candidates.length !== 1) return null;
      values.set(sub.index, candidates[0] as SweepValue);
    }
    return values;
  };
}

/** From the values each sub-experiment's requests reported (the table keeps up to two distinct ones, enough to tell). */
function reportedValues(table: LatencyTable): ValuesOf {
  return (name) => {
    if (name === 'packageSizeMb') return null;
    const values = new Map<number, SweepValue>();
    for (const sub of table.subExperiments) {
      const seen = sub.reported[name];
      if (seen.length !== 1) return null;
      values.set(sub.index, seen[0] as SweepValue);
    }
    return values;
  };
}
