import { randomInt } from 'node:crypto';
import { loadExperimentFile, UserError } from '../../experiments/schema/index.js';
import { readOutputsFile } from '../endpoints/outputs-file.js';
import { readPulumiStack } from '../endpoints/pulumi-stack.js';
import { benchExperiment } from '../bench/bench-experiment.js';
import { describeDryRun } from '../bench/dry-run.js';
import { toolVersion } from '../bench/tool-version.js';
import { parseBenchArgs, USAGE } from './args.js';
import { isSendable, selectRuns } from './select-runs.js';

export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Aborted when the user interrupts (SIGINT/SIGTERM); the CLI entry wires the signals. */
  readonly signal: AbortSignal;
}

/** Exit statuses: 0 done, 1 a run failed or faasbench itself broke, 2 a user mistake, 130 interrupted. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** `npm run bench`: everything but process.exit, so tests can run it in-process. */
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
    const { runs, notes } = await selectRuns(args, {
      loadExperiment: (file) => loadExperimentFile(file, { drawSeed }),
      readOutputsFile,
      readPulumiStack,
    });
    for (const note of notes) io.stderr.write(`${note}\n`);
    if (args.dryRun) {
      for (const run of runs) io.stdout.write(`${describeDryRun(run)}\n`);
      return EXIT.ok;
    }
    let status: number = EXIT.ok;
    for (const run of runs) {
      if (io.signal.aborted) break;
      if (!isSendable(run)) throw new Error(`selectRuns planned ${run.experiment.file} without endpoints outside --dry-run`);
      const outcome = await benchExperiment(run, args, io);
      if (outcome === 'interrupted') return EXIT.interrupted;
      if (outcome === 'failed') status = EXIT.failed;
    }
    return io.signal.aborted ? EXIT.interrupted : status;
  } catch (error) {
    if (UserError.is(error)) {
      io.stderr.write(`faasbench: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`faasbench: internal error (please report it): ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.failed;
  }
}
