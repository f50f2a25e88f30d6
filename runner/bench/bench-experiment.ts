import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { formatMs } from '../results/latency-cells.js';
import type { ResolvedExperiment } from '../../experiments/schema/index.js';
import type { ExperimentOutput } from '../../infra/outputs.js';
import type { BenchArgs } from '../cli/args.js';
import type { CliIo } from '../cli/bench-cli.js';
import type { SendableRun } from '../cli/select-runs.js';
import { recordedEndpoints } from '../endpoints/recorded-url.js';
import type { RunInfo, RunListener, RunResume, RunStatus } from '../engine/events.js';
import { planResume, type ResumePlan } from '../engine/resume-plan.js';
import { plannedTotals, runStudy } from '../engine/run-study.js';
import { createRunFolder } from '../results/index.js';
import { planRounds, planSubExperiment } from '../schedule/index.js';
import {
  createLatencyCsvWriter,
  createProgress,
  createResolvedExperimentWriter,
  createRunLog,
  LATENCY_FILE_NAME,
  RUN_LOG_FILE_NAME,
  type RunLog,
} from '../sinks/index.js';
import { watchForDarkEndpoints } from './dark-endpoints.js';
import { JOURNAL_FILE_NAME, openDispatchJournal } from './dispatch-journal.js';
import { startHeartbeat } from './heartbeat.js';
import { createLiveStudyDeps, type LiveStudyDeps } from './live-deps.js';
import { type LocalEndpoints, startLocalEndpoints } from './local-endpoints.js';
import { lostRecords } from './lost-records.js';
import type { PreparedResume } from './prepare-resume.js';
import { createRunControl, type RunControl } from './run-control.js';
import { finishRun } from './finish-run.js';
import { readyBeforeStudy } from '../readiness/before-study.js';
import { toolVersion } from './tool-version.js';
import { createTransfersCsvWriter, TRANSFERS_FILE_NAME } from '../transfers/index.js';
import { objectStoreLogLine } from './object-store-log.js';

/** How a run ended, for the exit status and the last message. */
export interface BenchOutcome {
  readonly status: RunStatus;
  readonly reason: string | null;
  readonly dir: string;
}

/** One process's work on a run: the whole run, or what a resume adds to it. */
interface Segment {
  readonly dir: string;
  readonly runId: string;
  readonly experiment: ResolvedExperiment;
  readonly experimentHash: string;
  readonly endpointSource: RunInfo['endpointSource'];
  readonly endpointLocator: string | null;
  readonly endpoints: { readonly kind: 'local' } | { readonly kind: 'deployed'; readonly deployed: ExperimentOutput; readonly token: string; readonly sourceName: string };
  readonly resume: PreparedResume | null;
}

/**
 * One experiment, start to finish: results folder, endpoints (the local platform is started and
 * torn down here), sinks, the study, then statistics, plots and report from what was written.
 * Whatever happens after the first request, everything measured is written before this returns.
 */
export async function benchExperiment(run: SendableRun & { readonly fileHash: string }, args: BenchArgs, io: CliIo): Promise<BenchOutcome> {
  const { experiment } = run;
  const folder = await createRunFolder(args.resultsDir, experiment.title, new Date(), randomBytes(2).toString('hex'));
  const outcome = await runSegment(
    {
      dir: folder.dir,
      runId: folder.runId,
      experiment,
      experimentHash: run.fileHash,
      endpointSource: run.endpoints.kind === 'local' ? 'local' : run.endpoints.source,
      endpointLocator: run.endpoints.kind === 'local' ? null : run.endpoints.locator,
      endpoints:
        run.endpoints.kind === 'local'
          ? { kind: 'local' }
          : { kind: 'deployed', deployed: run.endpoints.deployed, token: run.endpoints.token, sourceName: run.endpoints.sourceName },
      resume: null,
    },
    args,
    io,
  );
  // Stopped while packages were built or the platform started: nothing was sent, so no run exists.
  if (outcome.status === 'interrupted' && outcome.reason === NOTHING_SENT) await rm(folder.dir, { recursive: true, force: true });
  return outcome;
}

/** How long a failed setup waits for the Ctrl-C that may have caused it to be handled. */
const SIGNAL_GRACE_MS = 500;

function abortedWithin(signal: AbortSignal, ms: number): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(signal.aborted);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(true);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Why a run interrupted before its first request has no folder. */
const NOTHING_SENT = 'interrupted while getting the endpoints ready, before anything was sent';

/** `--resume`: continues a stopped run in its own folder (see prepare-resume.ts and engine/resume-plan.ts). */
export async function resumeExperiment(prepared: PreparedResume, args: BenchArgs, io: CliIo): Promise<BenchOutcome> {
  return runSegment(
    {
      dir: prepared.dir,
      runId: prepared.runId,
      experiment: prepared.experiment,
      experimentHash: prepared.experimentHash,
      endpointSource: prepared.endpointSource,
      endpointLocator: prepared.endpointLocator,
      endpoints: prepared.endpoints,
      resume: prepared,
    },
    args,
    io,
  );
}

async function runSegment(segment: Segment, args: BenchArgs, io: CliIo): Promise<BenchOutcome> {
  const { experiment, dir, resume } = segment;
  const tty = (io.stderr as NodeJS.WriteStream).isTTY === true && !args.quiet;
  const log = createRunLog({ filePath: path.join(dir, RUN_LOG_FILE_NAME), console: args.quiet ? null : io.stderr, tty });
  const control = createRunControl(io);
  let platform: LocalEndpoints | null = null;
  const stopPlatform = async () => {
    const running = platform;
    platform = null;
    if (running === null) return;
    const line = objectStoreLogLine(experiment, await running.stop());
    if (line !== null) log.logger[line.level](line.message, line.fields);
  };
  try {
    for (const note of experiment.conversionNotes) log.logger.warn(`${experiment.file}: ${note}`);
    // A resume with nothing left to send (only rows to complete) needs no endpoints at all.
    const preview = resume === null ? null : planResumeAt(resume, experiment, 0);
    const sends = preview === null || preview.remaining.requests > 0;
    let endpoints: ExperimentOutput;
    let token = '';
    if (segment.endpoints.kind === 'deployed') {
      log.logger.info(`${experiment.file}: endpoints from ${segment.endpoints.sourceName}`);
      endpoints = segment.endpoints.deployed;
      token = segment.endpoints.token;
    } else if (sends) {
      log.logger.info(`${experiment.file}: building packages and starting the local platform${resume === null ? '' : ' again (every instance after the gap is new)'}`);
      let started: LocalEndpoints;
      try {
        started = await startLocalEndpoints(experiment);
      } catch (error) {
        // A Ctrl-C reaches the package builder too (esbuild runs in the runner's process group) and fails
        // it, sometimes before the runner's own copy of the signal is handled: give that copy a moment.
        if (!(await abortedWithin(control.stop, SIGNAL_GRACE_MS))) throw error;
        io.stderr.write(`faasbench: ${NOTHING_SENT}.\n`);
        return { status: 'interrupted', reason: NOTHING_SENT, dir };
      }
      platform = started;
      // Every request after this would be refused: stop now, as failed, rather than record refusals.
      void started.died.then((why) => control.fail(`the local platform process ${why} during the run`));
      endpoints = started.endpoints;
      token = started.token;
    } else {
      endpoints = (resume as PreparedResume).recordedEndpoints;
    }

    const notReady = sends && args.waitReadyMs !== null ? await readyBeforeStudy(experiment, endpoints, token, args.waitReadyMs, log.logger, control.stop) : null;
    if (notReady !== null) return control.stop.aborted ? { status: 'interrupted', reason: NOTHING_SENT, dir } : { status: 'failed', reason: notReady, dir };
    if (control.failure !== null) {
      log.logger.error(`${experiment.file}: ${control.failure}, before anything was sent`);
      return { status: 'failed', reason: control.failure, dir };
    }
    if (control.stop.aborted) {
      io.stderr.write(`faasbench: ${NOTHING_SENT}.\n`);
      return { status: 'interrupted', reason: NOTHING_SENT, dir };
    }
    const deps = createLiveStudyDeps({ token, originEpochMs: resume?.originEpochMs });
    const totals = plannedTotals(experiment, deps.plan);
    let plan: ResumePlan | null = null;
    let record: RunResume | null = null;
    if (resume !== null) {
      const nowMs = deps.now();
      plan = planResumeAt(resume, experiment, nowMs);
      const resumedAtMs = resume.originEpochMs + nowMs;
      record = {
        after: resume.stopped.after,
        stoppedAt: new Date(resume.originEpochMs + resume.stopped.atMs).toISOString(),
        resumedAt: new Date(resumedAtMs).toISOString(),
        gapMs: Math.max(0, resumedAtMs - (resume.originEpochMs + resume.stopped.atMs)),
        // On the µs grid of latencies.csv, so rows compare with it as they read: a LOST row stamped at
        // the stop is not "after" it by a rounding.
        stoppedMs: Number(formatMs(resume.stopped.atMs)),
        resumedMs: nowMs,
        lostRequests: plan.lost.reduce((sum, burst) => sum + burst.missingIndexes.length, 0),
        remainingRequests: plan.remaining.requests,
        shiftMs: plan.shiftMs,
        newInstances: platform !== null,
        pid: process.pid,
      };
    }
    const info: RunInfo = {
      runId: segment.runId,
      experiment,
      // As results record them: no query, fragment or credentials.
      endpoints: resume === null ? recordedEndpoints(endpoints) : resume.recordedEndpoints,
      endpointSource: segment.endpointSource,
      toolVersion: await toolVersion(),
      nodeVersion: process.version,
      originEpochMs: deps.originEpochMs,
      plannedRequests: totals.requests,
      plannedBursts: totals.bursts,
      plannedLastBurstMs: totals.lastBurstMs,
      experimentHash: segment.experimentHash,
      endpointLocator: segment.endpointLocator,
      resumes: resume === null ? [] : [...resume.previousResumes, record as RunResume],
    };
    return await measure({ info, deps, dir, endpoints, plan, record, resume, control, stopPlatform, args, io, log, tty });
  } finally {
    control.dispose();
    await stopPlatform();
    await log.close().catch((error: Error) => io.stderr.write(`faasbench: ${error.message}\n`));
  }
}

function planResumeAt(resume: PreparedResume, experiment: ResolvedExperiment, nowMs: number): ResumePlan {
  return planResume({
    experiment,
    plan: (sub, seed) => planRounds(planSubExperiment(sub, seed)),
    journal: { ...resume.journal.state, calibrations: new Map(resume.calibrations.map((c) => [c.subExperimentIndex, c])) },
    rows: resume.rows,
    nowMs,
  });
}

interface MeasureContext {
  readonly info: RunInfo;
  readonly deps: LiveStudyDeps;
  readonly dir: string;
  /** Where requests go (for a resumed local run, the new platform's). */
  readonly endpoints: ExperimentOutput;
  readonly plan: ResumePlan | null;
  readonly record: RunResume | null;
  readonly resume: PreparedResume | null;
  readonly control: RunControl;
  readonly stopPlatform: () => Promise<void>;
  readonly args: BenchArgs;
  readonly io: CliIo;
  readonly log: RunLog;
  readonly tty: boolean;
}

async function measure(context: MeasureContext): Promise<BenchOutcome> {
  const { info, deps, dir, control, log, resume, plan, record } = context;
  const segmentNumber = resume?.journal.segments ?? 0;
  const csv = createLatencyCsvWriter(path.join(dir, LATENCY_FILE_NAME), {
    append: resume !== null,
    onFailure: (error) => control.fail(`${LATENCY_FILE_NAME} could not be written (${describeIoError(error)}), so the run stopped`),
  });
  const transfers = createTransfersCsvWriter(path.join(dir, TRANSFERS_FILE_NAME), {
    append: resume !== null,
    ...(resume === null ? {} : { written: resume.transfers.written }),
    onFailure: (error) => control.fail(`${TRANSFERS_FILE_NAME} could not be written (${describeIoError(error)}), so the run stopped`),
  });
  const resolved = createResolvedExperimentWriter(dir, resume === null ? undefined : { calibrations: resume.calibrations, done: resume.done });
  const heartbeat = startHeartbeat({ dir, runId: info.runId, segment: segmentNumber, planned: { bursts: info.plannedBursts, requests: info.plannedRequests }, done: resume?.done });
  const listeners: RunListener[] = [csv.listener, transfers.listener, resolved.listener, log.listener, heartbeat.listener];
  if (context.tty) listeners.push(createProgress(context.io.stderr as NodeJS.WriteStream, () => deps.now()));
  const emit: RunListener = (event) => {
    for (const listener of listeners) listener(event);
  };

  emit({ type: 'run-start', run: info });
  let status: RunStatus = 'failed';
  let reason: string | null = null;
  let journal: ReturnType<typeof openDispatchJournal> | null = null;
  try {
    journal = openDispatchJournal(path.join(dir, JOURNAL_FILE_NAME), segmentNumber, new Date());
    if (resume !== null && plan !== null && record !== null) {
      log.logger.warn(resumeLine(info.runId, resume, plan, record), {
        event: 'resume',
        ...record,
        cutBytes: resume.cutBytes,
        ...(resume.experiment.subExperiments.some((sub) => sub.chain !== null) ? { transfersCutBytes: resume.transfers.cutBytes, lostHopRows: resume.transfers.lostRows } : {}),
      });
      for (const lost of lostRecords(plan.lost, info.experiment, resume.recordedEndpoints, record.after)) emit({ type: 'request', record: lost });
    }
    // Rows completed by the resume are not the endpoints' doing: watch only what is sent from here on.
    listeners.push(watchForDarkEndpoints((why) => control.fail(why)));
    ({ status, reason } = await runStudy({
      experiment: info.experiment,
      endpoints: context.endpoints,
      deps,
      emit,
      signal: control.stop,
      abortSignal: control.abort,
      journal,
      ...(plan === null ? {} : { resume: plan.resume }),
    }));
  } catch (error) {
    status = 'failed';
    reason = (error as Error).message;
  }
  if (control.failure !== null) {
    status = 'failed';
    reason = control.failure;
  }
  deps.close();
  journal?.close();
  // Nothing more will be sent: the platform goes before the report is built.
  await context.stopPlatform();
  for (const file of [csv, transfers]) {
    try {
      await file.close();
    } catch (error) {
      status = 'failed';
      reason ??= (error as Error).message;
    }
  }
  emit({ type: 'run-end', status, reason, endMs: deps.now() });
  await resolved.close().catch((error: Error) => log.logger.error(error.message));
  heartbeat.finishing(status);
  // The measurement's status stays as recorded; a report that cannot be built still fails the command.
  const measured = status;
  try {
    await finishRun({ dir, info, status, reason, args: context.args, io: context.io });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    log.logger.error(`statistics, plots and report could not be written: ${why}; what was measured is in ${LATENCY_FILE_NAME} (rebuild them with npm run report -- ${dir})`);
    if (status !== 'failed') reason = `statistics, plots and report could not be written: ${why}`;
    status = 'failed';
  }
  await heartbeat.stop(measured);
  return { status, reason, dir };
}

function resumeLine(runId: string, resume: PreparedResume, plan: ResumePlan, record: RunResume): string {
  const gapS = (record.gapMs / 1000).toFixed(1);
  const lost = record.lostRequests === 0 ? 'no request was lost' : `${record.lostRequests} requests in flight at the stop are recorded as LOST`;
  const calibration = plan.recalibrate.length === 0 ? 'calibration reused' : `calibration reused, redone for ${plan.recalibrate.length} sub-experiment(s) that had none`;
  const platform = record.newInstances ? '; the local platform was started again, so every instance after the gap is new' : '';
  return (
    `resuming run ${runId} (${record.after}${resume.stopped.reason === null ? '' : `: ${resume.stopped.reason}`}): stopped ${record.stoppedAt}, resumed ${record.resumedAt}, a gap of ${gapS} s; ` +
    `${resume.done.requests} rows kept, ${lost}${hopRowsLine(resume)}; ${plan.remaining.requests} requests in ${plan.remaining.bursts} bursts left, moved ${(plan.shiftMs / 1000).toFixed(1)} s later; ${calibration}${platform}`
  );
}

/** What the resume did to transfers.csv, for a chain run; '' otherwise. */
function hopRowsLine(resume: PreparedResume): string {
  if (resume.transfers.lostRows === 0) return '';
  return `; ${resume.transfers.lostRows} hop rows recorded as LOST in ${TRANSFERS_FILE_NAME} (their requests have rows, but the stop took their answers)`;
}

function describeIoError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return 'ENOSPC: the disk is full';
  if (code === 'EDQUOT') return 'EDQUOT: the disk quota is used up';
  return code ?? error.message;
}
