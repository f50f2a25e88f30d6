import { describe, expect, jest, test } from '@jest/globals';
import type { ResolvedExperiment } from '../../../experiments/schema/index.js';
import type { StackOutputs } from '../../../infra/outputs.js';
import { parseBenchArgs } from '../../../runner/cli/args.js';
import { type SelectDeps, selectRuns } from '../../../runner/cli/select-runs.js';
import type { StackLookup } from '../../../runner/endpoints/pulumi-stack.js';
import { experimentFixture, outputsFixture } from '../fixtures.js';

const cloud = experimentFixture('experiments/cloud.json');
const local = experimentFixture('experiments/local.json', { vendor: 'local', subExperiments: [
  { title: 'only', bursts: 1, burstSizes: [1], iat: { distribution: 'fixed', ms: 1 } },
] });
const quickstart = experimentFixture('experiments/quickstart.json', { vendor: 'local', title: 'quickstart', subExperiments: [
  { title: 'q', bursts: 1, burstSizes: [1], iat: { distribution: 'fixed', ms: 1 } },
] });
const files: Record<string, ResolvedExperiment> = {
  'experiments/cloud.json': cloud,
  'experiments/local.json': local,
  'experiments/quickstart.json': quickstart,
};

function deps(stack: StackLookup, outputsFile?: StackOutputs) {
  const readPulumiStack = jest.fn(async (_: string | null) => stack);
  const value: SelectDeps = {
    loadExperiment: async (file) => files[file] ?? Promise.reject(new Error(`no ${file}`)),
    readOutputsFile: async () => outputsFile ?? Promise.reject(new Error('no outputs file')),
    readPulumiStack,
  };
  return { value, readPulumiStack };
}

const noStack: StackLookup = { found: false, why: 'the Pulumi CLI is not installed' };

describe('which experiments run against which endpoints', () => {
  test('no files and no stack: the quickstart on the local platform, saying why', async () => {
    const { value } = deps(noStack);
    const { runs, notes } = await selectRuns(parseBenchArgs([]), value);
    expect(runs.map((r) => [r.experiment.file, r.endpoints.kind])).toEqual([['experiments/quickstart.json', 'local']]);
    expect(notes).toEqual(['No deployed experiments (the Pulumi CLI is not installed); running experiments/quickstart.json on the local platform.']);
  });

  test('no files and a deployed stack: every experiment of the stack', async () => {
    const { value } = deps({ found: true, stack: 'dev', outputs: outputsFixture(cloud) });
    const { runs } = await selectRuns(parseBenchArgs([]), value);
    expect(runs).toHaveLength(1);
    const run = runs[0];
    if (run?.endpoints.kind !== 'deployed') throw new Error('expected deployed endpoints');
    expect(run.endpoints.sourceName).toBe('Pulumi stack dev');
    expect(run.endpoints.token).toBe('tok-0123456789abcdef-secret');
    expect(run.endpoints.deployed.subExperiments[0]?.endpoints).toHaveLength(2);
  });

  test('local files never ask Pulumi', async () => {
    const { value, readPulumiStack } = deps(noStack);
    await selectRuns(parseBenchArgs(['experiments/local.json']), value);
    expect(readPulumiStack).not.toHaveBeenCalled();
  });

  test('a cloud file without a stack or outputs file is a user error naming the file and the fix', async () => {
    const { value } = deps(noStack);
    await expect(selectRuns(parseBenchArgs(['experiments/cloud.json']), value)).rejects.toThrow(
      'experiments/cloud.json runs on aws, whose endpoints come from `pulumi up`, but the Pulumi CLI is not installed; deploy it with `pulumi up` and select the stack, or give --outputs FILE',
    );
  });

  test('--dry-run plans a cloud file that is not deployed, saying why', async () => {
    const { value } = deps(noStack);
    const { runs } = await selectRuns(parseBenchArgs(['--dry-run', 'experiments/cloud.json']), value);
    expect(runs.map((r) => [r.experiment.file, r.endpoints])).toEqual([
      ['experiments/cloud.json', { kind: 'undeployed', why: 'the Pulumi CLI is not installed' }],
    ]);
  });

  test('--outputs supplies cloud endpoints', async () => {
    const { value, readPulumiStack } = deps(noStack, outputsFixture(cloud));
    const { runs } = await selectRuns(parseBenchArgs(['--outputs', 'saved.json', 'experiments/cloud.json']), value);
    expect(runs[0]?.endpoints).toMatchObject({ kind: 'deployed', source: 'outputs-file', sourceName: 'outputs file saved.json' });
    expect(readPulumiStack).not.toHaveBeenCalled();
  });

  test('--seed and --only are applied after matching, keeping sub-experiment indexes', async () => {
    const { value } = deps(noStack, outputsFixture(cloud));
    const { runs } = await selectRuns(parseBenchArgs(['--outputs', 'o', '--seed', '77', '--only', 'cold', 'experiments/cloud.json']), value);
    expect(runs[0]?.experiment.seed).toBe(77);
    expect(runs[0]?.experiment.subExperiments.map((s) => [s.index, s.title])).toEqual([[1, 'cold']]);
  });

  test('--only with an unknown title lists the titles', async () => {
    const { value } = deps(noStack);
    await expect(selectRuns(parseBenchArgs(['--only', 'nope', 'experiments/local.json']), value)).rejects.toThrow(
      '--only "nope" names no sub-experiment of experiments/local.json; its titles are "only".',
    );
  });
});
