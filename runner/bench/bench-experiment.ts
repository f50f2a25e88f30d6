import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { ExperimentOutput } from '../../infra/outputs.js';
import type { BenchArgs } from '../cli/args.js';
import type { CliIo } from '../cli/bench-cli.js';
import type { SendableRun } from '../cli/select-runs.js';
import type { RunInfo, RunListener, RunStatus } from '../engine/events.js';
import { plannedTotals, runStudy } from '../engine/run-study.js';
import { createRunFolder } from '../results/index.js';
import {
  createLatencyCsvWriter,
  createProgress,
  createResolvedExperimentWriter,
  createRunLog,
  LATENCY_FILE_NAME,
  RUN_LOG_FILE_NAME,
  type RunLog,
} from '../sinks/index.js';
import { readyBeforeStudy } from '../readiness/before-study.js';
import { createLiveStudyDeps } from './live-deps.js';
import { startLocalEndpoints } from './local-endpoints.js';
import { finishRun } from './finish-run.js';
import { toolVersion } from './tool-version.js';

/**
 * One experiment, start to finish: results folder, endpoints (the local platform is started and
 * torn down here), sinks, the study, then statistics, plots and report from what was written.
 * Whatever happens after the first request, everything measured is written before this returns.
 */
export async function benchExperiment(run: SendableRun, args: BenchArgs, io: CliIo): Promise<RunStatus> {
  const { experiment } = run;
  const folder = await createRunFolder(args.resultsDir, experiment.title, new Date(), randomBytes(2).toString('hex'));
  const tty = (io.stderr as NodeJS.WriteStream).isTTY === true && !args.quiet;
  const log = createRunLog({ filePath: path.join(folder.dir, RUN_LOG_FILE_NAME), console: args.quiet ? null : io.stderr, tty });
  let stopPlatform: (() => Promise<void>) | null = null;
  try {
    for (const note of experiment.conversionNotes) log.logger.warn(`${experiment.file}: ${note}`);
    let endpoints: ExperimentOutput;
    let token: string;
    if (run.endpoints.kind === 'local') {
      log.logger.info(`${experiment.file}: building packages and starting the local platform`);
      const local = await startLocalEndpoints(experiment);
      stopPlatform = local.stop;
      endpoints = local.endpoints;
      token = local.token;
    } else {
      log.logger.info(`${experiment.file}: endpoints from ${run.endpoints.sourceName}`);
      endpoints = run.endpoints.deployed;
      token = run.endpoints.token;
    }
    if (args.waitReadyMs !== null && !(await readyBeforeStudy(experiment, endpoints, token, args.waitReadyMs, log.logger, io.signal))) {
      return io.signal.aborted ? 'interrupted' : 'failed';
    }

    const deps = createLiveStudyDeps({ token });
    const totals = plannedTotals(experiment, deps.plan);
    const info: RunInfo = {
      runId: folder.runId,
      experiment,
      endpoints,
      endpointSource: run.endpoints.kind === 'local' ? 'local' : run.endpoints.source,
      toolVersion: await toolVersion(),
      nodeVersion: process.version,
      originEpochMs: deps.originEpochMs,
      plannedRequests: totals.requests,
      plannedBursts: totals.bursts,
      plannedLastBurstMs: totals.lastBurstMs,
    };
    return await measure(info, deps, folder.dir, { args, io, log, tty });
  } finally {
    await stopPlatform?.();
    await log.close();
  }
}

async function measure(
  info: RunInfo,
  deps: ReturnType<typeof createLiveStudyDeps>,
  dir: string,
  context: { args: BenchArgs; io: CliIo; log: RunLog; tty: boolean },
): Promise<RunStatus> {
  const csv = createLatencyCsvWriter(path.join(dir, LATENCY_FILE_NAME));
  const resolved = createResolvedExperimentWriter(dir);
  // The log is closed by the caller, after the local platform has stopped.
  const listeners: RunListener[] = [csv.listener, resolved.listener, context.log.listener];
  if (context.tty) listeners.push(createProgress(context.io.stderr as NodeJS.WriteStream, () => deps.now()));
  const emit: RunListener = (event) => {
    for (const listener of listeners) listener(event);
  };

  emit({ type: 'run-start', run: info });
  let status: RunStatus;
  let reason: string | null;
  try {
    ({ status, reason } = await runStudy({ experiment: info.experiment, endpoints: info.endpoints, deps, emit, signal: context.io.signal }));
  } catch (error) {
    status = 'failed';
    reason = (error as Error).message;
    context.log.logger.error(`${info.experiment.file}: the run failed: ${reason}`);
  }
  emit({ type: 'run-end', status, reason, endMs: deps.now() });
  deps.close();
  await csv.close();
  await resolved.close();
  await finishRun({ dir, info, status, reason, args: context.args, io: context.io });
  return status;
}
