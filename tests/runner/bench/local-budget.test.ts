import { describe, expect, test } from '@jest/globals';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { loadExperimentFile, parseExperimentText } from '../../../experiments/schema/index.js';
import { checkLocalBudget, instanceBudget, localDemand } from '../../../runner/bench/local-budget.js';

const GiB = 1024 ** 3;

function local(execution: 'parallel' | 'sequential', cap: number, subs: { parallelism: number; burstSizes: number[] }[]) {
  return parseExperimentText(
    JSON.stringify({
      title: 'budget', vendor: 'local', seed: 1, execution, local: { maxInstancesPerFunction: cap },
      subExperiments: subs.map((s, i) => ({ title: `s${i}`, bursts: 4, iat: { distribution: 'fixed', ms: 10 }, ...s })),
    }),
    'experiments/budget.json',
    { drawSeed: () => 1 },
  );
}

describe('the local instance budget', () => {
  test('demand: parallelism × min(cap, largest burst), summed in parallel, the largest in sequence', () => {
    const subs = [{ parallelism: 4, burstSizes: [1, 10] }, { parallelism: 2, burstSizes: [50] }];
    expect(localDemand(local('parallel', 8, subs)).instances).toBe(4 * 8 + 2 * 8);
    expect(localDemand(local('sequential', 8, subs)).instances).toBe(32);
    expect(localDemand(local('parallel', 256, subs)).instances).toBe(4 * 10 + 2 * 50);
  });

  test('budget: half the memory at 50 MB an instance', () => {
    expect(instanceBudget(24 * GiB)).toBe(245);
    expect(instanceBudget(4 * GiB)).toBe(40);
  });

  test('64 functions × 256 instances is refused with the fields to change', () => {
    const experiment = local('parallel', 256, [{ parallelism: 64, burstSizes: [256] }]);
    expect(() => checkLocalBudget(experiment, 24 * GiB)).toThrow(
      'Experiment file experiments/budget.json: the local platform would run up to 16384 instance processes at once (its sub-experiments together (they run in parallel); ' +
        'subExperiments[0] "s0" alone: parallelism 64 × min(local.maxInstancesPerFunction 256, largest burst 256) = 16384), ' +
        "but at about 50 MB each this machine's 24.0 GiB of memory hold at most 245 (half its memory). " +
        'Lower parallelism, burstSizes or local.maxInstancesPerFunction, or run sub-experiments with "execution": "sequential".',
    );
    // A chain keeps one instance of each of its functions busy per request.
    const chained = local('parallel', 4, [{ parallelism: 8, burstSizes: [4], chain: { length: 16, transfer: 'inline', payloadBytes: 0 } } as never]);
    expect(localDemand(chained).instances).toBe(8 * 16 * 4);
    expect(() => checkLocalBudget(chained, 4 * GiB)).toThrow(
      'subExperiments[0] "s0" alone: parallelism 8 × chain.length 16 × min(local.maxInstancesPerFunction 4, largest burst 4) = 512), ' +
        "but at about 50 MB each this machine's 4.0 GiB of memory hold at most 40 (half its memory). " +
        'Lower parallelism, chain.length, burstSizes or local.maxInstancesPerFunction, or run sub-experiments with "execution": "sequential".',
    );
    // Many functions with bursts of one are cheap: what the bursts can use counts, not the cap.
    expect(() => checkLocalBudget(local('parallel', 256, [{ parallelism: 64, burstSizes: [1] }]), 24 * GiB)).not.toThrow();
  });

  test('every shipped local experiment fits a 4 GiB machine', async () => {
    const files = (await readdir('experiments')).filter((name) => name.endsWith('.json')).map((name) => path.join('experiments', name));
    for (const file of files) {
      const experiment = await loadExperimentFile(file, { drawSeed: () => 1 });
      if (experiment.vendor === 'local') expect(() => checkLocalBudget(experiment, 4 * GiB)).not.toThrow();
    }
  });
});
