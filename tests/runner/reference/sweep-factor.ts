import type { ResolvedExperiment } from '../../../experiments/schema/index.js';
import type { RequestRecord } from '../../../runner/results/request-record.js';

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

export function detectSweepFactors(experiment: ResolvedExperiment | null, records: readonly RequestRecord[]): SweepFactor[] {
  const valuesOf = experiment === null ? recordValues(records) : experimentValues(experiment);
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

function recordValues(records: readonly RequestRecord[]): ValuesOf {
  return (name) => {
    if (name === 'packageSizeMb') return null;
    const seen = new Map<number, Set<SweepValue>>();
    for (const record of records) {
      const value = record[name];
      // Failed requests carry no function fields; they neither add nor contradict a value.
      if (value === null) continue;
      const set = seen.get(record.subExperimentIndex) ?? new Set<SweepValue>();
      set.add(value);
      seen.set(record.subExperimentIndex, set);
    }
    const subExperiments = new Set(records.map((r) => r.subExperimentIndex));
    const values = new Map<number, SweepValue>();
    for (const index of subExperiments) {
      const set = seen.get(index);
      if (set === undefined || set.size !== 1) return null;
      values.set(index, [...set][0] as SweepValue);
    }
    return values;
  };
}
