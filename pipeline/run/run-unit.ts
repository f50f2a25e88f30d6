import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { UserError } from '../../experiments/schema/index.js';
import { parseStackOutputs } from '../../runner/endpoints/outputs-file.js';
import { formatDuration } from '../plan/duration.js';
import { settingsForFile, type StackSettings, stackConfigFor } from '../plan/stack-config.js';
import { type PipelineUnit, unitExperimentFile } from '../plan/units.js';
import { cliProblem, destroyAndRemove, type PipelineStack, type StackBackend, StackExistsError } from '../stack/index.js';
import { runBenchProcess } from '../study/bench-process.js';
import { readStudyOutcomes, type StudyOutcome } from '../study/read-run.js';
import type { LiveStacks } from './live-stacks.js';
import type { ConformanceSummary, Destroyed, UnitResult, UnitStatus } from './unit-result.js';

/** The user's stop requests, shared by every unit. */
export interface Stops {
  /** First SIGINT/SIGTERM: stop studies (keeping what was measured), start nothing new, destroy. */
  readonly soft: AbortSignal;
  /** Second: kill studies at once and go straight to destroying. */
  readonly hard: AbortSignal;
  /**
   * True when the first stop was a terminal's Ctrl-C: the Pulumi CLI, in the same process group,
   * got that SIGINT itself and is already stopping its update; a second SIGINT from us would make
   * it cancel forcefully and leave pending operations behind.
   */
  readonly cliSawSoftStop: () => boolean;
}

export interface UnitContext {
  readonly backend: StackBackend;
  readonly stops: Stops;
  readonly resultsDir: string;
  /** The project folder: the runner runs here, experiment paths are relative to it. */
  readonly workDir: string;
  readonly settings: StackSettings;
  /** Up and study together; null for none. When it runs out the unit stops as on a first signal. */
  readonly timeoutMs: number | null;
  /** After a stop, how long a study may take to write its results before it is killed. */
  readonly graceMs: number;
  /** Passed to the runner as --wait-ready; null to send no readiness flag. */
  readonly readinessBudget: string | null;
  readonly benchArgs: readonly string[];
  /** Preview stacks: update in place, never destroy. */
  readonly keepStacks: boolean;
  /** Runs the conformance suite on the deployed endpoints before the study, when given. */
  readonly conformance: ((outputsFile: string, dir: string, signal: AbortSignal) => Promise<ConformanceSummary>) | null;
  /** One line per phase on the console. */
  readonly say: (stack: string, message: string) => void;
  /** Stacks alive right now, for a last-resort message if the process must quit before destroying. */
  readonly live: LiveStacks;
}

/**
 * One unit, start to end: create its stack, configure, `up`, (conformance), study, and then —
 * whatever happened, unless the stack is a kept preview — destroy and remove it. A stack that
 * cannot be destroyed is reported with the commands that finish the job. Never throws for what
 * a stack or study does; the result says what broke.
 */
export async function runUnit(unit: PipelineUnit, stackName: string, context: UnitContext): Promise<UnitResult> {
  const dir = path.join(context.resultsDir, stackName);
  const base = { unit, stack: stackName, dir, study: null, conformance: null };
  const durations = { up: null as number | null, study: null as number | null, destroy: null as number | null };
  if (context.stops.soft.aborted) {
    return { ...base, status: 'skipped', problem: 'the pipeline was interrupted before this stack was created', destroyed: 'n/a', finishCommands: null, durationsMs: durations };
  }
  await mkdir(dir, { recursive: true });
  const pulumiLog = createWriteStream(path.join(dir, 'pulumi.log'), { flags: 'a' });
  const stop = unitStops(context);
  const say = (message: string) => context.say(stackName, message);
  let status: UnitStatus = 'completed';
  let problem: string | null = null;
  // Read through a function: `fail` changes status from inside closures, which type narrowing does not see.
  const current = (): UnitStatus => status;
  let study: StudyOutcome | null = null;
  let conformance: ConformanceSummary | null = null;
  let stack: PipelineStack | null = null;
  let outputsDir: string | null = null;
  const fail = (next: UnitStatus, why: string) => {
    // The first thing that broke is the one to report; a stop explains whatever failed after it.
    if (status !== 'completed') return;
    const stopped = stop.reason();
    status = stopped ?? next;
    problem = stopped === null ? why : `${stopped === 'timed out' ? `the unit ran out of its ${formatDuration(context.timeoutMs ?? 0)}` : 'the pipeline was interrupted'} (${why})`;
  };

  try {
    try {
      say(`creating the stack for ${describeUnit(unit)}`);
      stack = context.keepStacks ? await context.backend.createOrSelect(stackName) : await context.backend.create(stackName);
      if (!context.keepStacks) context.live.add(stackName, context.backend.finishCommands(stackName, { locked: false }));
    } catch (error) {
      if (error instanceof StackExistsError) {
        status = 'stack exists';
        problem = `a stack named ${stackName} already exists; the pipeline only destroys stacks it created, so it was left alone (choose another --stack-name or remove that stack)`;
      } else {
        status = 'up failed';
        problem = `the stack could not be created: ${cliProblem(error)}`;
      }
      return { ...base, status, problem, destroyed: 'n/a', finishCommands: null, durationsMs: durations };
    }

    const file = await unitExperimentFile(unit, dir);
    await stack.setConfig(stackConfigFor([relativeTo(context.workDir, file)], unit.vendor, settingsForFile(context.settings, unit.sourceFile)));
    if (stop.soft.aborted) {
      fail('interrupted', 'stopped before `pulumi up`');
    } else {
      say('pulumi up');
      const upStarted = performance.now();
      try {
        await stack.up({ signal: stop.upSignal, onOutput: (text) => pulumiLog.write(text) });
        durations.up = performance.now() - upStarted;
        say(`up done in ${formatDuration(durations.up)}`);
      } catch (error) {
        durations.up = performance.now() - upStarted;
        fail('up failed', `pulumi up failed: ${cliProblem(error)}`);
        say(`up failed after ${formatDuration(durations.up)}: ${problem}`);
      }
    }

    if (current() === 'completed') {
      outputsDir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-outputs-'));
      const outputsFile = path.join(outputsDir, 'outputs.json');
      try {
        const outputs = parseStackOutputs(JSON.stringify(await stack.outputs()), `The outputs of stack ${stackName}`);
        // The token is in here: a private file outside the results, removed when the unit ends.
        await writeFile(outputsFile, JSON.stringify(outputs), { mode: 0o600 });
      } catch (error) {
        fail('up failed', UserError.is(error) ? error.message : `the stack outputs could not be read: ${cliProblem(error)}`);
      }

      if (current() === 'completed' && context.conformance !== null) {
        say('conformance suite');
        conformance = await context.conformance(outputsFile, dir, stop.soft);
        if (!conformance.passed) {
          // The smoke study still runs: its numbers help to see what is wrong.
          fail('conformance failed', 'an endpoint does not meet the measurement contract (see the conformance table)');
        }
      }

      if ((current() === 'completed' || current() === 'conformance failed') && !stop.soft.aborted) {
        say('study');
        const studyStarted = performance.now();
        const benchLog = path.join(dir, 'bench.log');
        const result = await runBenchProcess({
          args: [
            '--outputs',
            outputsFile,
            '--results',
            dir,
            ...(context.readinessBudget === null ? [] : ['--wait-ready', context.readinessBudget]),
            ...context.benchArgs,
            relativeTo(context.workDir, file),
          ],
          cwd: context.workDir,
          logFile: benchLog,
          stop: stop.soft,
          kill: stop.hard,
          graceMs: context.graceMs,
        });
        durations.study = performance.now() - studyStarted;
        study = (await readStudyOutcomes(dir)).at(-1) ?? null;
        const studyProblem = describeStudyFailure(result.exitCode, result.signal, study);
        if (studyProblem !== null) {
          fail(studyProblem.status, studyProblem.problem);
          if (studyProblem.status === 'study failed' && current() === 'conformance failed') problem = `${problem}; ${studyProblem.problem}`;
        }
        say(`study ${study?.status ?? 'did not start'} after ${formatDuration(durations.study)}: ${study?.requests ?? 0} requests, ${study?.errors ?? 0} errors`);
      } else if (current() === 'completed' || current() === 'conformance failed') {
        fail('interrupted', 'stopped before the study');
      }
    }
  } catch (error) {
    fail('up failed', `the pipeline could not prepare the stack: ${(error as Error).message}`);
  } finally {
    stop.dispose();
    if (outputsDir !== null) await rm(outputsDir, { recursive: true, force: true });
  }

  let destroyed: Destroyed = 'kept';
  let finishCommands: string | null = null;
  if (!context.keepStacks && stack !== null) {
    say('destroying');
    const destroyStarted = performance.now();
    const outcome = await destroyAndRemove(stack, (text) => pulumiLog.write(text));
    durations.destroy = performance.now() - destroyStarted;
    destroyed = outcome.ok ? 'yes' : 'no';
    if (outcome.ok) context.live.delete(stackName);
    if (!outcome.ok) {
      finishCommands = context.backend.finishCommands(stackName, { locked: outcome.locked });
      problem = problem === null ? outcome.problem : `${problem}; then ${outcome.problem}`;
      say(`NOT destroyed: ${outcome.problem}; finish with: ${finishCommands}`);
    } else {
      say(`destroyed and removed in ${formatDuration(durations.destroy)}`);
    }
  }
  pulumiLog.end();
  await once(pulumiLog, 'close').catch(() => null);
  return { ...base, status, problem, destroyed, finishCommands, study, conformance, durationsMs: durations };
}

/** The runner's exit status (bench-cli EXIT) and what its results say → what went wrong, if anything. */
function describeStudyFailure(
  exitCode: number | null,
  signal: NodeJS.Signals | null,
  study: StudyOutcome | null,
): { status: UnitStatus; problem: string } | null {
  if (exitCode === 0) return null;
  if (study?.readiness?.ready === false) {
    return { status: 'not ready', problem: `the study did not start: ${study.readiness.problem ?? 'an endpoint is not ready'}` };
  }
  if (exitCode === 130 || signal !== null) {
    return { status: 'interrupted', problem: `the study was ${signal === 'SIGKILL' ? 'killed' : 'stopped'}${study === null ? ' before it began' : ` with ${study.requests} requests measured`}` };
  }
  if (exitCode === 2) return { status: 'study failed', problem: 'the runner refused its arguments or the experiment (see bench.log)' };
  return { status: 'study failed', problem: `the study failed: ${study?.reason ?? 'see bench.log'}` };
}

/** Soft and hard stops of one unit: the pipeline's, or its own timeout (and then the grace period). */
function unitStops(context: UnitContext) {
  const soft = new AbortController();
  const hard = new AbortController();
  const upStop = new AbortController();
  let reason: 'interrupted' | 'timed out' | null = null;
  const timers: NodeJS.Timeout[] = [];
  const onSoft = () => {
    reason ??= 'interrupted';
    soft.abort(new Error('interrupted'));
    if (!context.stops.cliSawSoftStop()) upStop.abort(new Error('interrupted'));
  };
  const onHard = () => hard.abort(new Error('killed'));
  if (context.stops.soft.aborted) onSoft();
  context.stops.soft.addEventListener('abort', onSoft, { once: true });
  if (context.stops.hard.aborted) onHard();
  context.stops.hard.addEventListener('abort', onHard, { once: true });
  if (context.timeoutMs !== null) {
    timers.push(
      setTimeout(() => {
        reason ??= 'timed out';
        soft.abort(new Error('timed out'));
        upStop.abort(new Error('timed out'));
        timers.push(setTimeout(onHard, context.graceMs));
      }, context.timeoutMs),
    );
  }
  return {
    soft: soft.signal,
    hard: hard.signal,
    upSignal: upStop.signal,
    reason: () => reason,
    dispose: () => {
      for (const timer of timers) clearTimeout(timer);
      context.stops.soft.removeEventListener('abort', onSoft);
      context.stops.hard.removeEventListener('abort', onHard);
    },
  };
}

export function describeUnit(unit: PipelineUnit): string {
  const subs = unit.subExperimentIndex === null ? '' : ` / ${unit.subExperiments[0]}`;
  return `${unit.title}${subs} (${unit.vendor}, ${unit.sourceFile})`;
}

function relativeTo(workDir: string, file: string): string {
  const relative = path.relative(workDir, path.resolve(file));
  return relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(file) : relative;
}
