import { parseArgs } from 'node:util';
import { UserError } from '../../experiments/schema/index.js';
import { parseDurationMs } from '../plan/duration.js';
import { DEFAULT_STACK_NAME_TEMPLATE } from '../plan/stack-names.js';
import { parseShard, type Shard } from '../plan/units.js';

export interface PipelineArgs {
  readonly files: readonly string[];
  readonly stackName: string;
  readonly runId: string | null;
  readonly attempt: string | null;
  readonly shard: Shard | null;
  readonly split: boolean;
  readonly parallel: number;
  readonly resultsDir: string;
  readonly config: readonly string[];
  readonly pulumiRoot: string | null;
  readonly workDir: string;
  readonly timeoutMs: number | null;
  readonly graceMs: number;
  /** As given (the runner parses it again); null: the runner does not wait. */
  readonly waitReady: string | null;
  readonly conformance: boolean;
  readonly keepStacks: boolean;
  readonly benchArgs: readonly string[];
  readonly summaryJson: string | null;
  readonly summaryMarkdown: string | null;
  readonly dryRun: boolean;
  readonly help: boolean;
}

export const PIPELINE_USAGE = `Usage: npm run pipeline -- [options] EXPERIMENT.json ...

One Pulumi stack per experiment (or per sub-experiment with --split): create it, set
faasbench:experiments and the vendor's settings, pulumi up, wait until every endpoint answers the
measurement contract, run the study, write the results, and then ALWAYS destroy and remove the
stack — after a failed up, a failed study, a timeout, or Ctrl-C (first: stop the studies and keep
what they measured, then destroy; second: kill the studies and destroy). Ends with a summary table.

Exit status: 0 all completed and destroyed; 1 something failed, every stack destroyed; 2 bad
options or files; 3 a stack was NOT destroyed (the summary prints the commands that finish it);
130 interrupted, every stack destroyed.

Stacks:
  --stack-name TEMPLATE  stack names, from {run} {attempt} {unit} {vendor}
                         (default ${DEFAULT_STACK_NAME_TEMPLATE})
  --run-id ID            {run} (default: $GITHUB_RUN_ID, else an id made from the time)
  --attempt N            {attempt} (default: $GITHUB_RUN_ATTEMPT, else 1)
  --split                one stack per sub-experiment instead of per file
  --shard K/N            only units K, K+N, K+2N, … (1-based) of the units the files give
  --parallel N           stacks alive at once (default 2)
  --config V.KEY=VALUE   a vendor setting, e.g. aws.region=eu-west-1 (repeatable); also from
                         FAASBENCH_STACK_CONFIG='{"aws":{"region":"eu-west-1"}}'
  --pulumi-root DIR      use DIR/bin/pulumi (default: FAASBENCH_PULUMI_ROOT, else pulumi on the PATH)
  --work-dir DIR         the Pulumi project folder (default: the current folder)
  --keep-stacks          update stacks in place and never destroy them (preview environments;
                         remove them later with npm run sweep)

Study:
  --results DIR          results go to DIR/<stack>/ (default results)
  --wait-ready DURATION  how long the runner waits for the endpoints (default 10m)
  --conformance          check every endpoint against the measurement contract before the study
  --bench-arg ARG        pass ARG to the runner (repeatable), e.g. --bench-arg=--seed=7
  --timeout DURATION     up + study per stack; then it stops as on Ctrl-C (default 5h30m)
  --grace DURATION       after a stop, how long a study may write before it is killed (default 60s)

Output:
  --summary-json FILE    the summary for programs
  --summary-md FILE      the summary as Markdown (pull request comments)
  --dry-run              print the stacks and their config, create nothing
  -h, --help             this text`;

export function parsePipelineArgs(argv: readonly string[], env: NodeJS.ProcessEnv): PipelineArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'stack-name': { type: 'string' },
        'run-id': { type: 'string' },
        attempt: { type: 'string' },
        split: { type: 'boolean' },
        shard: { type: 'string' },
        parallel: { type: 'string' },
        config: { type: 'string', multiple: true },
        'pulumi-root': { type: 'string' },
        'work-dir': { type: 'string' },
        'keep-stacks': { type: 'boolean' },
        results: { type: 'string' },
        'wait-ready': { type: 'string' },
        conformance: { type: 'boolean' },
        'bench-arg': { type: 'string', multiple: true },
        timeout: { type: 'string' },
        grace: { type: 'string' },
        'summary-json': { type: 'string' },
        'summary-md': { type: 'string' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UserError(`${(error as Error).message.replace(/\.$/, '')}; run \`npm run pipeline -- --help\` for the options.`);
  }
  const { values, positionals } = parsed;
  if (values.help !== true && positionals.length === 0) {
    throw new UserError('Name at least one experiment file, e.g. `npm run pipeline -- experiments/aws/cold-baseline.json`.');
  }
  const parallel = Number(values.parallel ?? '2');
  if (!Number.isInteger(parallel) || parallel < 1 || parallel > 64) throw new UserError(`--parallel ${values.parallel} is not allowed: give a whole number from 1 to 64.`);
  const waitReady = values['wait-ready'] ?? '10m';
  if (waitReady !== '0') parseDurationMs(waitReady, '--wait-ready');
  return {
    files: positionals,
    stackName: values['stack-name'] ?? DEFAULT_STACK_NAME_TEMPLATE,
    runId: values['run-id'] ?? env['GITHUB_RUN_ID'] ?? null,
    attempt: values.attempt ?? env['GITHUB_RUN_ATTEMPT'] ?? null,
    shard: values.shard === undefined ? null : parseShard(values.shard),
    split: values.split ?? false,
    parallel,
    resultsDir: values.results ?? 'results',
    config: values.config ?? [],
    pulumiRoot: values['pulumi-root'] ?? env['FAASBENCH_PULUMI_ROOT'] ?? null,
    workDir: values['work-dir'] ?? process.cwd(),
    timeoutMs: parseDurationMs(values.timeout ?? '5h30m', '--timeout'),
    graceMs: parseDurationMs(values.grace ?? '60s', '--grace'),
    waitReady: waitReady === '0' ? null : waitReady,
    conformance: values.conformance ?? false,
    keepStacks: values['keep-stacks'] ?? false,
    benchArgs: values['bench-arg'] ?? [],
    summaryJson: values['summary-json'] ?? null,
    summaryMarkdown: values['summary-md'] ?? null,
    dryRun: values['dry-run'] ?? false,
    help: values.help ?? false,
  };
}
