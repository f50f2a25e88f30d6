import { describe, expect, test } from '@jest/globals';
import { parseBenchArgs } from '../../../runner/cli/args.js';

describe('bench arguments', () => {
  test('defaults', () => {
    expect(parseBenchArgs([])).toEqual({
      files: [], outputsFile: null, stack: null, resultsDir: 'results', seed: null, only: [], formats: [],
      dryRun: false, resume: null, waitReadyMs: null, quiet: false, help: false, version: false,
    });
  });

  test('--resume with what it accepts', () => {
    expect(parseBenchArgs(['--resume', 'results/x/run', '--outputs', 'o.json', '--quiet', '--format', 'stellar'])).toMatchObject({
      resume: 'results/x/run', outputsFile: 'o.json', quiet: true, formats: ['stellar'], files: [],
    });
  });

  test('every option', () => {
    const args = parseBenchArgs([
      '--outputs', 'o.json', '--results', 'out', '--seed', '42', '--only', 'a', '--only', 'b',
      '--format', 'stellar', '--dry-run', '--quiet', 'x.json', 'y.json',
    ]);
    expect(args).toMatchObject({
      files: ['x.json', 'y.json'], outputsFile: 'o.json', resultsDir: 'out', seed: 42, only: ['a', 'b'],
      formats: ['stellar'], dryRun: true, quiet: true,
    });
  });

  test.each([
    [['--bogus'], '--bogus is not an option; run `npm run bench -- --help` for the options.'],
    [['--seed', '-1'], '--seed needs a value (write --seed=VALUE for a value that starts with a dash)'],
    [['--seed=-1'], '--seed -1 is not allowed: give a whole number from 0 to 4294967295.'],
    [['--quiet=yes'], '--quiet takes no value'],
    [['--seed', '4294967296'], '--seed 4294967296 is not allowed'],
    [['--seed', '1.5'], '--seed 1.5 is not allowed'],
    [['--format', 'parquet'], '--format parquet is not known: the only extra format is "stellar".'],
    [['--outputs', 'a.json', '--stack', 'dev'], '--outputs and --stack both name where endpoints come from; give one of them.'],
    [['--outputs'], '--outputs needs a value'],
    [['--resume', 'results/x/run', 'x.json'], '--resume continues a run exactly as it was started, in its own folder: drop the experiment file x.json'],
    [['--resume', 'r', '--seed', '3', '--only', 'a'], 'drop --seed, --only (with --resume only --outputs, --stack, --format and --quiet are allowed).'],
    [['--resume', 'r', '--results', 'elsewhere'], 'drop --results'],
  ])('%j is refused in one sentence', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});
