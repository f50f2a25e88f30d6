import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../experiments/schema/index.js';
import { parseDurationMs } from '../plan/duration.js';
import { automationBackend, type StackBackend } from '../stack/index.js';
import { PIPELINE_EXIT } from '../summary/index.js';
import { closedPrsFromGh, type RunCommand } from './closed-prs.js';
import { parseClosedPrs } from './select-leftovers.js';
import { formatSweep, sweep } from './sweep.js';

export const SWEEP_USAGE = `Usage: npm run sweep -- [options]

Destroys and removes faasbench stacks left behind: run stacks (bench-…) older than --older-than,
preview stacks (pr-<number>-<vendor>) of closed pull requests, and stacks named with --stack or
--pr. Other stacks are never touched. Exit status: 0 nothing left, 2 bad options, 3 a stack could
not be destroyed (the commands that finish it are printed).

  --older-than DURATION   sweep run stacks last updated longer ago than this (e.g. 24h)
  --prefix PREFIX         run stack names start with this (repeatable; default bench-)
  --closed-prs FILE       closed pull requests: \`gh pr list --state closed --json number\` output,
                          a JSON list, or one number a line
  --closed-prs-from-gh    ask \`gh pr list --state closed\` (CI)
  --pr N                  every preview stack of pull request N (repeatable)
  --stack NAME            this stack (repeatable); a missing one is fine
  --dry-run               list what would be swept
  --pulumi-root DIR       use DIR/bin/pulumi (default: FAASBENCH_PULUMI_ROOT, else the PATH)
  --work-dir DIR          the Pulumi project folder (default: the current folder)
  -h, --help              this text`;

export interface SweepIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly now?: () => Date;
  readonly runCommand?: RunCommand;
  readonly backend?: (options: { workDir: string; pulumiRoot: string | null }) => Promise<StackBackend>;
}

export async function sweepCli(argv: readonly string[], io: SweepIo): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...argv],
        strict: true,
        options: {
          'older-than': { type: 'string' },
          prefix: { type: 'string', multiple: true },
          'closed-prs': { type: 'string' },
          'closed-prs-from-gh': { type: 'boolean' },
          pr: { type: 'string', multiple: true },
          stack: { type: 'string', multiple: true },
          'dry-run': { type: 'boolean' },
          'pulumi-root': { type: 'string' },
          'work-dir': { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (error) {
      throw new UserError(`${(error as Error).message.replace(/\.$/, '')}; run \`npm run sweep -- --help\` for the options.`);
    }
    const { values } = parsed;
    if (values.help === true) {
      io.stdout.write(`${SWEEP_USAGE}\n`);
      return PIPELINE_EXIT.ok;
    }
    const closedPrs = new Set<number>();
    if (values['closed-prs'] !== undefined) {
      const file = values['closed-prs'];
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new UserError(`--closed-prs ${file} cannot be read: ${error.code === 'ENOENT' ? 'there is no such file' : String(error.code ?? error)}.`);
      });
      try {
        for (const n of parseClosedPrs(text, `--closed-prs ${file}`)) closedPrs.add(n);
      } catch (error) {
        throw new UserError(`${(error as Error).message}.`);
      }
    }
    if (values['closed-prs-from-gh'] === true) for (const n of await closedPrsFromGh(1000, io.runCommand)) closedPrs.add(n);
    const stacks = new Set(values.stack ?? []);
    const prs = (values.pr ?? []).map((text) => {
      if (!/^\d+$/.test(text)) throw new UserError(`--pr ${text} is not a pull request number.`);
      return Number(text);
    });
    const olderThanMs = values['older-than'] === undefined ? null : parseDurationMs(values['older-than'], '--older-than');
    if (olderThanMs === null && closedPrs.size === 0 && stacks.size === 0 && prs.length === 0 && values['closed-prs'] === undefined && values['closed-prs-from-gh'] !== true) {
      throw new UserError('Say what to sweep: --older-than, --closed-prs, --closed-prs-from-gh, --pr or --stack.');
    }
    const workDir = path.resolve(values['work-dir'] ?? process.cwd());
    let backend: StackBackend;
    try {
      backend = await (io.backend ?? automationBackend)({ workDir, pulumiRoot: values['pulumi-root'] ?? io.env['FAASBENCH_PULUMI_ROOT'] ?? null });
    } catch (error) {
      throw new UserError(`${(error as Error).message}. Install the Pulumi CLI or give --pulumi-root.`);
    }
    // --pr N sweeps its previews: pretend N is closed, which is what the teardown job knows.
    for (const pr of prs) closedPrs.add(pr);
    const results = await sweep(
      backend,
      { olderThanMs, prefixes: values.prefix ?? ['bench-'], closedPrs, stacks },
      { now: io.now?.() ?? new Date(), dryRun: values['dry-run'] ?? false, log: () => undefined },
    );
    io.stdout.write(`${formatSweep(results)}\n`);
    return results.some((r) => r.outcome === 'failed') ? PIPELINE_EXIT.leftBehind : PIPELINE_EXIT.ok;
  } catch (error) {
    if (UserError.is(error)) {
      io.stderr.write(`faasbench sweep: ${error.message}\n`);
      return PIPELINE_EXIT.usage;
    }
    io.stderr.write(`faasbench sweep: ${(error as Error).message}\n`);
    return PIPELINE_EXIT.failed;
  }
}
