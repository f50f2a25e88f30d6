import { parseArgs } from 'node:util';
import { UserError } from '../../experiments/schema/index.js';
import { parseWaitReady } from '../readiness/before-study.js';

/** The bench command's options, resolved once from argv. */
export interface BenchArgs {
  readonly files: readonly string[];
  readonly outputsFile: string | null;
  readonly stack: string | null;
  readonly resultsDir: string;
  readonly seed: number | null;
  readonly only: readonly string[];
  /** Extra latency CSV layouts to write next to latencies.csv. */
  readonly formats: readonly 'stellar'[];
  readonly dryRun: boolean;
  /** Continue this stopped run (its folder) instead of starting a new one. */
  readonly resume: string | null;
  /** --wait-ready: poll every endpoint until it answers before calibrating (ms); null: no wait. */
  readonly waitReadyMs: number | null;
  readonly quiet: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

export const DEFAULT_EXPERIMENT = 'experiments/quickstart.json';

export const USAGE = `Usage: npm run bench -- [options] [experiment.json ...]

Runs experiments and writes results/<experiment>/<run-id>/ (latencies.csv, statistics.csv,
statistics.json, run.log, experiment.resolved.json, plots/, report.html).

Which endpoints: files with vendor "local" run on the embedded local platform, started and torn
down by the run. Files for a cloud vendor use the endpoints deployed by \`pulumi up\`: from
--outputs FILE, or else from the selected Pulumi stack. Without files, every experiment the
outputs file or stack deploys runs; with neither, ${DEFAULT_EXPERIMENT} runs locally.

Options:
  --outputs FILE     endpoints from a saved \`pulumi stack output --json --show-secrets\`
  --stack NAME       endpoints from this Pulumi stack instead of the selected one
  --results DIR      where results go (default: results)
  --seed N           use this seed instead of the file's (0 to 4294967295)
  --only TITLE       run only the sub-experiment with this title (repeatable)
  --format stellar   also write stellar/<i>-<sub-experiment>/latencies.csv in STeLLAR's layout
  --dry-run          print what would be sent and how long it takes, send nothing
  --resume RUN_DIR   continue a killed, interrupted or failed run where it stopped (same
                     schedule and calibration, rows appended; give --outputs or --stack again
                     if they moved)
  --wait-ready TIME  before calibrating, wait up to TIME (10m, 90s) until every endpoint answers
  --quiet            no console log (run.log is still written)
  -h, --help         this text
  --version          faasbench's version`;

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        outputs: { type: 'string' },
        stack: { type: 'string' },
        results: { type: 'string' },
        seed: { type: 'string' },
        only: { type: 'string', multiple: true },
        format: { type: 'string', multiple: true },
        'dry-run': { type: 'boolean' },
        resume: { type: 'string' },
        'wait-ready': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UserError(`${describeParseError(error as NodeJS.ErrnoException)}; run \`npm run bench -- --help\` for the options.`);
  }
  const { values, positionals } = parsed;
  if (values.outputs !== undefined && values.stack !== undefined) {
    throw new UserError('--outputs and --stack both name where endpoints come from; give one of them.');
  }
  if (values.resume !== undefined) {
    const clash = [
      positionals.length > 0 ? `the experiment file ${positionals[0]}` : null,
      values.seed !== undefined ? '--seed' : null,
      values.only !== undefined ? '--only' : null,
      values['dry-run'] === true ? '--dry-run' : null,
      values.results !== undefined ? '--results' : null,
    ].filter((what) => what !== null);
    if (clash.length > 0) {
      throw new UserError(
        `--resume continues a run exactly as it was started, in its own folder: drop ${clash.join(', ')} (with --resume only --outputs, --stack, --format and --quiet are allowed).`,
      );
    }
  }
  return {
    files: positionals,
    outputsFile: values.outputs ?? null,
    stack: values.stack ?? null,
    resultsDir: values.results ?? 'results',
    seed: values.seed === undefined ? null : parseSeed(values.seed),
    only: values.only ?? [],
    formats: (values.format ?? []).map(parseFormat),
    dryRun: values['dry-run'] ?? false,
    resume: values.resume ?? null,
    waitReadyMs: values['wait-ready'] === undefined ? null : parseWaitReady(values['wait-ready']),
    quiet: values.quiet ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

/** node:util's messages are long and mention quoting tricks; say what is wrong in a few words. */
function describeParseError(error: NodeJS.ErrnoException): string {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `${option} is not an option`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /ambiguous|missing/.test(error.message)
        ? `${option} needs a value (write ${option}=VALUE for a value that starts with a dash)`
        : `${option} takes no value`;
    default:
      return error.message.replace(/\.$/, '');
  }
}

function parseSeed(text: string): number {
  const seed = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(seed) || seed > 0xffff_ffff) {
    throw new UserError(`--seed ${text} is not allowed: give a whole number from 0 to 4294967295.`);
  }
  return seed;
}

function parseFormat(text: string): 'stellar' {
  if (text !== 'stellar') throw new UserError(`--format ${text} is not known: the only extra format is "stellar".`);
  return text;
}
