import { describe, expect, it } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseDurationMs, formatDuration } from '../../../pipeline/plan/duration.js';
import { settingsForFile, settingsFromEnv, settingsFromOptions, stackConfigFor } from '../../../pipeline/plan/stack-config.js';
import { localRunId, stackNameFrom } from '../../../pipeline/plan/stack-names.js';
import { parseShard, planUnits, unitExperimentFile, unitsOfShard } from '../../../pipeline/plan/units.js';
import { loadExperimentFile } from '../../../experiments/schema/index.js';

describe('durations', () => {
  it('needs a unit and adds parts', () => {
    expect(parseDurationMs('90s', '--t')).toBe(90_000);
    expect(parseDurationMs('1h30m', '--t')).toBe(5_400_000);
    expect(parseDurationMs('250ms', '--t')).toBe(250);
    expect(() => parseDurationMs('90', '--timeout')).toThrow('--timeout 90 is not a duration: write a number with a unit, such as 500ms, 90s, 10m, 2h or 1h30m.');
    expect(() => parseDurationMs('5 min', '--t')).toThrow('is not a duration');
    expect([850, 12_345, 245_000, 7_380_000].map(formatDuration)).toEqual(['850 ms', '12.3 s', '4 min 05 s', '2 h 03 min']);
  });
});

describe('stack names', () => {
  const parts = { run: '1234567', attempt: '2', unit: '3', vendor: 'aws' };
  it('fills the placeholders', () => {
    expect(stackNameFrom('bench-{run}-{attempt}-{unit}', parts)).toBe('bench-1234567-2-3');
    expect(stackNameFrom('pr-42-{vendor}', parts)).toBe('pr-42-aws');
  });
  it('refuses unknown placeholders, bad characters and names too long for function names', () => {
    expect(() => stackNameFrom('bench-{sha}', parts)).toThrow('--stack-name bench-{sha} uses {sha}, which is not a placeholder; the placeholders are {run}, {attempt}, {unit}, {vendor}.');
    expect(() => stackNameFrom('bench/{run}', parts)).toThrow('gives the stack name "bench/1234567": allowed are letters');
    expect(() => stackNameFrom('benchmark-of-the-week-{run}-{attempt}', parts)).toThrow('(31 characters); at most 28 are allowed');
  });
  it('makes short local run ids from the time', () => {
    expect(localRunId(new Date(Date.UTC(2020, 0, 1, 0, 36)), () => 0)).toBe('1000');
    expect(localRunId(new Date(Date.UTC(2026, 11, 1)), () => 0.9999)).toBe(`${Math.floor((Date.UTC(2026, 11, 1) - Date.UTC(2020, 0, 1)) / 60_000).toString(36)}zz`);
  });
});

describe('stack config', () => {
  it('takes vendor settings from the environment, lets --config win, and sets only the unit vendor', () => {
    const settings = settingsFromOptions(['aws.region=us-east-1', 'aws.architecture=arm64'], settingsFromEnv('{"aws": {"region": "eu-west-1"}, "gcp": {"project": "p"}}'));
    expect(stackConfigFor(['experiments/aws/cold-baseline.json'], 'aws', settingsForFile(settings, 'experiments/aws/cold-baseline.json'))).toEqual({
      'faasbench:experiments[0]': 'experiments/aws/cold-baseline.json',
      'faasbench:aws.region': 'us-east-1',
      'faasbench:aws.architecture': 'arm64',
    });
  });
  it('lets a file have settings of its own, nested keys flattened to paths', () => {
    const settings = settingsFromEnv(
      JSON.stringify({
        azure: { location: 'westeurope' },
        files: { 'experiments/azure/flex-cold-baseline.json': { azure: { plan: 'flex-consumption', flex: { maximumInstanceCount: 200 } } } },
      }),
    );
    expect(stackConfigFor(['f.json'], 'azure', settingsForFile(settings, './experiments/azure/flex-cold-baseline.json'))).toEqual({
      'faasbench:experiments[0]': 'f.json',
      'faasbench:azure.location': 'westeurope',
      'faasbench:azure.plan': 'flex-consumption',
      'faasbench:azure.flex.maximumInstanceCount': '200',
    });
    expect(stackConfigFor(['g.json'], 'azure', settingsForFile(settings, 'experiments/azure/cold-baseline.json'))).toEqual({
      'faasbench:experiments[0]': 'g.json',
      'faasbench:azure.location': 'westeurope',
    });
  });

  it('refuses malformed settings in one sentence', () => {
    expect(() => settingsFromEnv('{aws')).toThrow('FAASBENCH_STACK_CONFIG is not valid JSON');
    expect(() => settingsFromEnv('{"aws": "eu-west-1"}')).toThrow('FAASBENCH_STACK_CONFIG: "aws" must be an object of settings');
    expect(() => settingsFromEnv('{"files": {"a.json": 3}}')).toThrow('FAASBENCH_STACK_CONFIG: files."a.json" must be settings per vendor');
    expect(() => settingsFromOptions(['region=eu-west-1'], { vendors: {}, files: {} })).toThrow('--config region=eu-west-1 is not VENDOR.KEY=VALUE');
  });
});

describe('units and shards', () => {
  it('cuts files into units, one per sub-experiment with split, and deals them to shards in turn', async () => {
    const units = await planUnits(['experiments/aws/image-size.json', 'experiments/gcp/cold-baseline.json'], { split: true });
    const image = await loadExperimentFile('experiments/aws/image-size.json', { drawSeed: () => 0 });
    expect(units.map((u) => u.index)).toEqual(units.map((_, i) => i));
    expect(units.filter((u) => u.vendor === 'aws').map((u) => u.subExperiments[0])).toEqual(image.subExperiments.map((s) => s.title));
    const shards = [1, 2, 3].map((index) => unitsOfShard(units, parseShard(`${index}/3`)).map((u) => u.index));
    expect(shards.flat().sort((a, b) => a - b)).toEqual(units.map((u) => u.index));
    expect(shards[1]?.every((i) => i % 3 === 1)).toBe(true);
    expect(() => parseShard('4/3')).toThrow('--shard 4/3 is not K/N with 1 ≤ K ≤ N');
  });

  it('writes a split unit its own file with only its sub-experiment, under the source name', async () => {
    const [, second] = await planUnits(['experiments/aws/image-size.json'], { split: true });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-units-'));
    const file = await unitExperimentFile(second!, dir);
    expect(path.basename(file)).toBe('image-size.json');
    const copy = await loadExperimentFile(file, { drawSeed: () => 0 });
    expect(copy.subExperiments.map((s) => s.title)).toEqual(second!.subExperiments);
    expect(copy.title).toBe(second!.title);
  });

  it('runs a keep-alive study whole: --split would cut its curve into stacks', async () => {
    const [unit] = await planUnits(['experiments/aws/keep-alive.json'], { split: false });
    expect(unit?.subExperiments).toHaveLength(11);
    await expect(planUnits(['experiments/aws/keep-alive.json'], { split: true })).rejects.toThrow(
      'experiments/aws/keep-alive.json is a keep-alive study: its idle times make one curve and one estimate, from one run, so --split cannot cut it into stacks; run it without --split.',
    );
  });

  it('refuses a local experiment: it needs no stack', async () => {
    await expect(planUnits(['experiments/quickstart.json'], { split: false })).rejects.toThrow(
      'experiments/quickstart.json runs on the local platform, which needs no stack: run it with `npm run bench -- experiments/quickstart.json`',
    );
  });
});
