import { randomInt } from 'node:crypto';
import os from 'node:os';
import { loadExperimentFile, UserError } from '../../experiments/schema/index.js';
import { readOutputsFile } from '../endpoints/outputs-file.js';
import { readPulumiStack } from '../endpoints/pulumi-stack.js';
import { type BenchOutcome, benchExperiment, resumeExperiment } from '../bench/bench-experiment.js';
import { describeDryRun } from '../bench/dry-run.js';
import { checkLocalBudget } from '../bench/local-budget.js';
import { prepareResume } from '../bench/prepare-resume.js';
import { toolVersion } from '../bench/tool-version.js';
import { parseBenchArgs, USAGE } from './args.js';
import { isSendable, type SelectDeps, selectRuns } from './select-runs.js';

export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  /**
   * Aborted to interrupt (the CLI entry: first SIGINT/SIGTERM). No further round is sent; what is
   * in flight runs to its end, unless `hardSignal` is absent: then this signal also ends the
   * requests in flight, as ABORTED rows. Either way everything measured is written.
   */
  readonly signal: AbortSignal;
  /**
   * Optional second stage (the CLI entry: a second signal): end the requests in flight now, as
   * ABORTED rows, then write everything. Aborting it implies `signal`.
   */
  readonly hardSignal?: AbortSignal;
  /** The machine's memory for the local instance budget; os.totalmem() when absent (tests pass a small one). */
  readonly totalMemoryBytes?: number;
}

/**
 * Exit statuses: 0 completed, 1 a run failed (the platform died, the endpoints went dark, a results
 * file could not be written) or faasbench itself broke, 2 a user mistake (nothing was sent, no
 * results folder made), 130 interrupted.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** `npm run bench`: everything but process.exit and signals, so tests and orchestrators can run it in-process. */
export async function benchCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const args = parseBenchArgs(argv);
    if (args.help) {
      io.stdout.write(`${USAGE}\n`);
      return EXIT.ok;
    }
    if (args.version) {
      io.stdout.write(`faasbench ${await toolVersion()}\n`);
      return EXIT.ok;
    }
    const drawSeed = () => randomInt(0, 0xffff_ffff);
    const deps: SelectDeps = { loadExperiment: (file) => loadExperimentFile(file, { drawSeed }), readOutputsFile, readPulumiStack };
    if (args.resume !== null) {
      const prepared = await prepareResume(args.resume, args, deps);
      checkLocalBudget(prepared.experiment, io.totalMemoryBytes ?? os.totalmem());
      return exitFor(await resumeExperiment(prepared, args, io), args.quiet, io);
    }
    // Every file and every endpoint is read and checked before the first results folder is made.
    const { runs, notes } = await selectRuns(args, deps);
    for (const run of runs) checkLocalBudget(run.experiment, io.totalMemoryBytes ?? os.totalmem());
    for (const note of notes) io.stderr.write(`${note}\n`);
    if (args.dryRun) {
      for (const run of runs) io.stdout.write(`${describeDryRun(run)}\n`);
      return EXIT.ok;
    }
    let status: number = EXIT.ok;
    for (const run of runs) {
      if (io.signal.aborted || io.hardSignal?.aborted === true) return EXIT.interrupted;
      if (!isSendable(run)) throw new Error(`selectRuns planned ${run.experiment.file} without endpoints outside --dry-run`);
      const code = exitFor(await benchExperiment(run, args, io), args.quiet, io);
      if (code === EXIT.interrupted) return code;
      if (code !== EXIT.ok) status = code;
    }
    return status;
  } catch (error) {
    if (UserError.is(error)) {
      io.stderr.write(`faasbench: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`faasbench: internal error (please report it): ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.failed;
  }
}

function exitFor(outcome: BenchOutcome, quiet: boolean, io: CliIo): number {
  if (outcome.status === 'completed') return EXIT.ok;
  if (outcome.status === 'interrupted') return EXIT.interrupted;
  // The run log says it on stderr already, unless --quiet silenced it: a failure is never silent.
  if (quiet) io.stderr.write(`faasbench: the run in ${outcome.dir} failed: ${outcome.reason ?? 'no reason was given'}.\n`);
  return EXIT.failed;
}
