import { describe, expect, test } from '@jest/globals';
import { loadExperimentFile } from '../../../experiments/schema/index.js';
import { describeDryRun } from '../../../runner/bench/dry-run.js';
import type { ExperimentRun } from '../../../runner/cli/select-runs.js';

describe('npm run bench -- --dry-run', () => {
  test('prints what the preflight finds against the vendors\' default limits', async () => {
    const experiment = await loadExperimentFile('experiments/aws/burst-size.json', { drawSeed: () => 1 });
    const text = describeDryRun({ experiment, endpoints: { kind: 'undeployed', why: 'no stack' } });
    expect(text).toContain(
      '  quota (warning), against default limits: aws: Lambda concurrent executions in the region: the stack may ask for 1,110, the limit is 1,000',
    );
  });

  test('says nothing about quotas when a file stays within them, or runs locally', async () => {
    for (const file of ['experiments/aws/cold-baseline.json', 'experiments/quickstart.json']) {
      const experiment = await loadExperimentFile(file, { drawSeed: () => 1 });
      const run: ExperimentRun = experiment.vendor === 'local' ? { experiment, endpoints: { kind: 'local' } } : { experiment, endpoints: { kind: 'undeployed', why: 'no stack' } };
      expect(describeDryRun(run)).not.toContain('quota');
    }
  });
});
