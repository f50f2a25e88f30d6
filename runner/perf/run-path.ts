import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { constants, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { parseExperimentText } from '../../experiments/schema/index.js';
import type { ExperimentOutput } from '../../infra/outputs.js';
import { createLiveStudyDeps } from '../bench/live-deps.js';
import { TIMER_LEAD_MS } from '../dispatch/wait.js';
import { toolVersion } from '../bench/tool-version.js';
import type { RunEvent, RunInfo, RunListener } from '../engine/events.js';
import { plannedTotals, runStudy } from '../engine/run-study.js';
import {
  createLatencyCsvWriter,
  createProgress,
  createResolvedExperimentWriter,
  createRunLog,
  LATENCY_FILE_NAME,
  RUN_LOG_FILE_NAME,
} from '../sinks/index.js';

export interface RunPathResult {
  /** When each round was due, ms from the sub-experiment's start, in schedule order. */
  readonly plannedMs: readonly number[];
  /** Latency and dispatch time of each request, completion order. */
  readonly latenciesMs: readonly number[];
  /** dispatched − scheduled, the lateness the client itself recorded. */
  readonly scheduleLagsMs: readonly number[];
  /** Dispatch times on CLOCK_MONOTONIC (ms), to set against the responder's arrival stamps. */
  readonly dispatchedMonotonicMs: readonly number[];
  readonly errors: number;
  readonly gc: GcFigures;
}

/** The runner process's GC pauses during the run, and how many lay across a request's last stretch before dispatch. */
export interface GcFigures {
  readonly pauses: number;
  /** Of those, scavenges of the young generation; the rest are major (mark-compact, incremental steps, weak callbacks). */
  readonly minor: number;
  readonly maxPauseMs: number;
  /** Pauses overlapping [due − TIMER_LEAD_MS, dispatched] of some request: the ones that can delay a dispatch. */
  readonly acrossDispatch: number;
}

/**
 * The runner's whole run path for one endpoint: the engine with the live dependencies (clock,
 * scheduler, HTTP client) and every sink a `npm run bench` run has (latency CSV, run log with a
 * console, resolved file, and the progress line on a terminal), into a scratch folder removed
 * afterwards. The sinks are wired as runner/bench/bench-experiment.ts wires them; the console and
 * the terminal are stand-ins that swallow their text but claim to be a terminal, so the progress
 * line is drawn as it would be.
 */
export async function runRunPath(endpointUrl: string, rounds: number, iatMs: number, onEvent?: RunListener): Promise<RunPathResult> {
  const experiment = parseExperimentText(
    JSON.stringify({
      title: 'perf-schedule',
      vendor: 'local',
      seed: 1,
      subExperiments: [{ title: 'gaps', bursts: rounds, burstSizes: [1], iat: { distribution: 'fixed', ms: iatMs }, connection: 'fresh' }],
    }),
    'perf-schedule.json',
    { drawSeed: () => 1 },
  );
  const sub = experiment.subExperiments[0];
  if (sub === undefined) throw new Error('the perf experiment has no sub-experiment');
  const endpoints: ExperimentOutput = {
    file: experiment.file,
    title: experiment.title,
    vendor: 'local',
    subExperiments: [
      {
        index: 0,
        title: sub.title,
        deployed: { runtime: sub.runtime, memoryMb: sub.memoryMb, packageSizeMb: sub.packageSizeMb, parallelism: 1 },
        endpoints: [{ url: endpointUrl, vendor: 'local', region: 'local', runtime: sub.runtime, memoryMb: sub.memoryMb, packageBytes: 0, replica: 0, functionName: 'perf' }],
      },
    ],
  };

  const dir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-perf-'));
  const deps = createLiveStudyDeps({ token: 'perf-token-0123456789' });
  try {
    const totals = plannedTotals(experiment, deps.plan);
    const info: RunInfo = {
      runId: 'perf',
      experiment,
      endpoints,
      endpointSource: 'outputs-file',
      toolVersion: await toolVersion(),
      nodeVersion: process.version,
      originEpochMs: deps.originEpochMs,
      plannedRequests: totals.requests,
      plannedBursts: totals.bursts,
      plannedLastBurstMs: totals.lastBurstMs,
    };
    const log = createRunLog({ filePath: path.join(dir, RUN_LOG_FILE_NAME), console: discardingTerminal(), tty: true });
    const csv = createLatencyCsvWriter(path.join(dir, LATENCY_FILE_NAME));
    const resolved = createResolvedExperimentWriter(dir);
    const latenciesMs: number[] = [];
    const scheduleLagsMs: number[] = [];
    const dispatchedMonotonicMs: number[] = [];
    // The run clock counts from its own origin on the same monotonic clock: one reading of each ties them.
    const monotonicAtRunZeroMs = Number(process.hrtime.bigint()) / 1e6 - deps.now();
    const perfAtRunZeroMs = performance.now() - deps.now();
    const dispatchWindows: [number, number][] = [];
    const pauses: [number, number][] = [];
    let minor = 0;
    const gcObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        pauses.push([entry.startTime, entry.startTime + entry.duration]);
        if ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) minor += 1;
      }
    });
    gcObserver.observe({ entryTypes: ['gc'] });
    let errors = 0;
    const tap: RunListener = (event: RunEvent) => {
      if (event.type !== 'request') return;
      const { record } = event;
      dispatchWindows.push([perfAtRunZeroMs + record.scheduledMs - TIMER_LEAD_MS, perfAtRunZeroMs + record.dispatchedMs]);
      latenciesMs.push(event.record.latencyMs);
      scheduleLagsMs.push(event.record.scheduleLagMs);
      dispatchedMonotonicMs.push(monotonicAtRunZeroMs + event.record.dispatchedMs);
      if (!event.record.ok) errors += 1;
    };
    const listeners: RunListener[] = [csv.listener, resolved.listener, log.listener, createProgress(discardingTerminal(), () => deps.now()), tap];
    if (onEvent !== undefined) listeners.push(onEvent);
    const emit: RunListener = (event) => {
      for (const listener of listeners) listener(event);
    };
    emit({ type: 'run-start', run: info });
    const { status, reason } = await runStudy({ experiment, endpoints, deps, emit, signal: new AbortController().signal });
    emit({ type: 'run-end', status, reason, endMs: deps.now() });
    // Entries are delivered asynchronously: one turn for the last ones.
    await new Promise((resolve) => setImmediate(resolve));
    gcObserver.disconnect();
    const gc: GcFigures = {
      pauses: pauses.length,
      minor,
      maxPauseMs: pauses.reduce((max, [start, end]) => Math.max(max, end - start), 0),
      acrossDispatch: pauses.filter(([start, end]) => dispatchWindows.some(([from, to]) => start < to && end > from)).length,
    };
    await csv.close();
    await resolved.close();
    await log.close();
    if (status !== 'completed') throw new Error(`the perf run ended ${status}: ${reason ?? ''}`);
    return { plannedMs: deps.plan(sub, experiment.seed).map((round) => round.offsetMs), latenciesMs, scheduleLagsMs, dispatchedMonotonicMs, errors, gc };
  } finally {
    deps.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** A terminal that shows nothing: the sinks format and write as they would to a real one. */
function discardingTerminal(): NodeJS.WriteStream {
  const stream = new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
  return Object.assign(stream, { isTTY: true, columns: 120 }) as unknown as NodeJS.WriteStream;
}
