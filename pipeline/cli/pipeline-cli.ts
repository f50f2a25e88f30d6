import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../../experiments/schema/index.js';
import { formatDuration } from '../plan/duration.js';
import { settingsForFile, settingsFromEnv, settingsFromOptions, STACK_CONFIG_ENV, stackConfigFor } from '../plan/stack-config.js';
import { localRunId, stackNameFrom } from '../plan/stack-names.js';
import { planUnits, unitsOfShard } from '../plan/units.js';
import { describeUnit, LiveStacks, runUnits, type Stops, type UnitContext } from '../run/index.js';
import { automationBackend, type StackBackend } from '../stack/index.js';
import { conformanceStep } from '../study/index.js';
import { formatSummary, PIPELINE_EXIT, pipelineExitStatus, summaryJson, summaryMarkdown } from '../summary/index.js';
import { PIPELINE_USAGE, parsePipelineArgs } from './pipeline-args.js';

export interface PipelineIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly stops: Stops;
  /** Stacks alive right now; the entry prints their finish commands if it must quit early. */
  readonly live?: LiveStacks;
  readonly now?: () => Date;
  /** Builds the backend; tests may hand in their own. Default: the Automation API. */
  readonly backend?: (options: { workDir: string; pulumiRoot: string | null }) => Promise<StackBackend>;
  readonly conformance?: UnitContext['conformance'];
}

/** `npm run pipeline`: everything but process.exit and signals, so tests run it in-process. */
export async function pipelineCli(argv: readonly string[], io: PipelineIo): Promise<number> {
  try {
    const args = parsePipelineArgs(argv, io.env);
    if (args.help) {
      io.stdout.write(`${PIPELINE_USAGE}\n`);
      return PIPELINE_EXIT.ok;
    }
    const settings = settingsFromOptions(args.config, settingsFromEnv(io.env[STACK_CONFIG_ENV]));
    const all = await planUnits(args.files, { split: args.split });
    const units = unitsOfShard(all, args.shard);
    if (units.length === 0) {
      io.stderr.write(`faasbench pipeline: shard ${args.shard?.index}/${args.shard?.count} of ${all.length} units is empty; nothing to do.\n`);
      return PIPELINE_EXIT.ok;
    }
    const runId = args.runId ?? localRunId(io.now?.() ?? new Date(), Math.random);
    const attempt = args.attempt ?? '1';
    const planned = units.map((unit) => ({
      unit,
      stack: stackNameFrom(args.stackName, { run: runId, attempt, unit: String(unit.index), vendor: unit.vendor }),
    }));
    const names = new Set<string>();
    for (const { stack } of planned) {
      if (names.has(stack)) throw new UserError(`--stack-name ${args.stackName} gives the name ${stack} to two stacks; add {unit} (or {vendor}) to it.`);
      names.add(stack);
    }

    if (args.dryRun) {
      for (const { unit, stack } of planned) {
        io.stdout.write(`${stack}: ${describeUnit(unit)}\n`);
        for (const [key, value] of Object.entries(stackConfigFor([unit.sourceFile], unit.vendor, settingsForFile(settings, unit.sourceFile)))) io.stdout.write(`  ${key} = ${value}\n`);
      }
      return PIPELINE_EXIT.ok;
    }

    let backend: StackBackend;
    try {
      backend = await (io.backend ?? automationBackend)({ workDir: path.resolve(args.workDir), pulumiRoot: args.pulumiRoot });
    } catch (error) {
      throw new UserError(`Nothing was created: ${(error as Error).message}. Install the Pulumi CLI or give --pulumi-root.`);
    }
    const started = performance.now();
    const say = (stack: string, message: string) => io.stderr.write(`pipeline [${stack}] ${message}\n`);
    io.stderr.write(`faasbench pipeline: ${planned.length} stack${planned.length === 1 ? '' : 's'}, at most ${args.parallel} at once, results in ${args.resultsDir}\n`);
    const results = await runUnits(
      planned,
      {
        backend,
        stops: io.stops,
        resultsDir: path.resolve(args.resultsDir),
        workDir: path.resolve(args.workDir),
        settings,
        timeoutMs: args.timeoutMs,
        graceMs: args.graceMs,
        readinessBudget: args.waitReady,
        benchArgs: args.benchArgs,
        keepStacks: args.keepStacks,
        conformance: args.conformance ? (io.conformance ?? conformanceStep) : null,
        say,
        live: io.live ?? new LiveStacks(),
      },
      args.parallel,
    );
    const cwd = process.cwd();
    io.stdout.write(`\n${formatSummary(results, cwd)}\n\n(${formatDuration(performance.now() - started)})\n`);
    if (args.summaryJson !== null) await writeOut(args.summaryJson, summaryJson(results));
    if (args.summaryMarkdown !== null) await writeOut(args.summaryMarkdown, summaryMarkdown(results, cwd, `faasbench: ${planned.map((p) => p.stack).join(', ')}`));
    return pipelineExitStatus(results, io.stops.soft.aborted);
  } catch (error) {
    if (UserError.is(error)) {
      io.stderr.write(`faasbench pipeline: ${error.message}\n`);
      return PIPELINE_EXIT.usage;
    }
    io.stderr.write(`faasbench pipeline: internal error (please report it): ${(error as Error).stack ?? String(error)}\n`);
    return PIPELINE_EXIT.failed;
  }
}

async function writeOut(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, text);
}
