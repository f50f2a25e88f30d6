import { describe, expect, test } from '@jest/globals';
import { loadExperimentFile } from '../../../experiments/schema/index.js';
import { describeDryRun } from '../../../runner/bench/dry-run.js';

describe('--dry-run of a chain study', () => {
  test('says per sub-experiment how long the chain is, how it passes its payload, and how many transfers it makes', async () => {
    const experiment = await loadExperimentFile('experiments/chains.json', { drawSeed: () => 1 });
    const text = describeDryRun({ experiment, endpoints: { kind: 'local' } });
    expect(text).toContain('  inline-1kib: 20 rounds x 1 endpoint, 20 bursts, 20 requests; last round due 2.0 s after the start\n' + '    each endpoint a chain of 3 functions (3 deployed), passing 1024 bytes inline: 40 hop-to-hop transfers');
    expect(text).toContain('    each endpoint a chain of 3 functions (3 deployed), passing 4194304 bytes through storage: 40 hop-to-hop transfers');
    const plain = await loadExperimentFile('experiments/quickstart.json', { drawSeed: () => 1 });
    expect(describeDryRun({ experiment: plain, endpoints: { kind: 'local' } })).not.toContain('chain');
  });
});
