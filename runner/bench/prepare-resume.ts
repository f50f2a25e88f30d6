import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ResolvedExperiment } from '../../experiments/schema/index.js';
import { UserError } from '../../experiments/schema/index.js';
import { ExperimentOutput } from '../../infra/outputs.js';
import type { BenchArgs } from '../cli/args.js';
import type { SelectDeps } from '../cli/select-runs.js';
import { endpointsFor } from '../endpoints/match.js';
import { recordedEndpoints } from '../endpoints/recorded-url.js';
import type { CalibrationResult, RunResume } from '../engine/events.js';
import { RESOLVED_FILE_NAME } from '../results/resolved-file.js';
import { readRunLiveness, readRunStatusFile } from '../results/run-status.js';
import { type JournalContents, JOURNAL_FILE_NAME, readDispatchJournal } from './dispatch-journal.js';
import { canonicalJson, experimentHash } from './experiment-hash.js';
import { readResumeRows } from './resume-rows.js';
import type { TransfersRepair } from '../transfers/index.js';

/**
 * Everything `--resume RUN_DIR` checks and reads before it sends anything: the run must have
 * stopped (killed, interrupted or failed; not completed, not still running), its experiment file
 * must resolve to what the run started with, and a cloud run's endpoints must be the ones it
 * measured. Every refusal is a UserError that says why and what to do.
 */

export interface PreparedResume {
  readonly dir: string;
  readonly runId: string;
  readonly originEpochMs: number;
  /** The experiment as the run resolved it (after --seed and --only): its schedule is kept. */
  readonly experiment: ResolvedExperiment;
  readonly experimentHash: string;
  readonly endpointSource: 'local' | 'stack' | 'outputs-file';
  readonly endpointLocator: string | null;
  /** As recorded (URLs without query or credentials). */
  readonly recordedEndpoints: ExperimentOutput;
  /** Where to send: a new local platform, or the deployed endpoints (checked against the recorded ones). */
  readonly endpoints: { readonly kind: 'local' } | { readonly kind: 'deployed'; readonly deployed: ExperimentOutput; readonly token: string; readonly sourceName: string };
  readonly journal: JournalContents;
  /** Rows already in latencies.csv, `${sub}/${burst}` → indexes in burst. */
  readonly rows: ReadonlyMap<string, ReadonlySet<number>>;
  readonly done: { readonly bursts: number; readonly requests: number; readonly errors: number };
  /** Bytes cut from a last row the kill had cut off. */
  readonly cutBytes: number;
  /** transfers.csv made ready for appending (a chain run; nothing to do otherwise). */
  readonly transfers: TransfersRepair;
  readonly calibrations: readonly CalibrationResult[];
  readonly previousResumes: readonly RunResume[];
  /** How it stopped, and when: `atMs` is the offset on the run's timeline (from originEpochMs). */
  readonly stopped: { readonly after: RunResume['after']; readonly atMs: number; readonly reason: string | null };
}

const ResumableDocument = z.object({
  runId: z.string(),
  status: z.enum(['running', 'completed', 'interrupted', 'failed']),
  reason: z.string().nullable(),
  originEpochMs: z.number(),
  endedAt: z.string().nullable(),
  experimentHash: z.string().nullable().optional(),
  endpointSource: z.enum(['local', 'stack', 'outputs-file']),
  endpointLocator: z.string().nullable().optional(),
  resumes: z.array(z.looseObject({ stoppedAt: z.string() })).optional(),
  endpoints: ExperimentOutput,
  calibrations: z.array(z.looseObject({ subExperimentIndex: z.number() })),
  experiment: z.looseObject({ file: z.string(), title: z.string(), vendor: z.string(), seed: z.number(), subExperiments: z.array(z.looseObject({ index: z.number() })) }),
});

export async function prepareResume(runDir: string, args: BenchArgs, deps: SelectDeps): Promise<PreparedResume> {
  const dir = path.normalize(runDir);
  const resolvedPath = path.join(dir, RESOLVED_FILE_NAME);
  const refuse = (why: string) => new UserError(`Cannot resume ${dir}: ${why}`);
  let text: string;
  try {
    text = await readFile(resolvedPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      const isFolder = await stat(dir).then((s) => s.isDirectory(), () => false);
      throw refuse(isFolder ? `it has no ${RESOLVED_FILE_NAME}, so it is not a faasbench run folder (results/<experiment>/<run-id>).` : 'there is no such folder.');
    }
    throw refuse(`${RESOLVED_FILE_NAME} cannot be read (${String(code ?? error)}).`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw refuse(`${RESOLVED_FILE_NAME} is not valid JSON; the folder was damaged or edited.`);
  }
  const parsed = ResumableDocument.safeParse(raw);
  if (!parsed.success) throw refuse(`${RESOLVED_FILE_NAME} lacks what a resume needs (the run was made by an older faasbench, or the file was edited).`);
  const doc = parsed.data;
  if (doc.experimentHash === undefined || doc.experimentHash === null) {
    throw refuse('it was made by a faasbench version that did not record what a resume needs (experimentHash, the dispatch journal).');
  }

  // Stopped, not still going, not done.
  const liveness = await readRunLiveness(dir, doc.status, resolvedPath);
  if (liveness.state === 'running') {
    const who = liveness.pid > 0 ? `pid ${liveness.pid} on ${liveness.host}` : 'a runner';
    throw refuse(`it is still ${liveness.phase === 'finishing' ? 'being finished' : 'running'} (${who}, heard from ${Math.round(liveness.heartbeatAgeMs / 1000)} s ago). Stop that run first (Ctrl-C), then resume it.`);
  }
  if (liveness.state === 'ended' && liveness.status === 'completed') {
    throw refuse('it completed: every planned request has its row. Start a new run to measure again.');
  }
  const journal = await readDispatchJournal(path.join(dir, JOURNAL_FILE_NAME));
  if (journal === null) throw refuse(`it has no ${JOURNAL_FILE_NAME}, so what was sent before it stopped is unknown and could be sent twice.`);

  // The file must still say what the run was started with.
  const experiment = doc.experiment as unknown as ResolvedExperiment;
  const fromFile = await deps.loadExperiment(experiment.file).catch((error: unknown) => {
    throw UserError.is(error) ? refuse(`its experiment file cannot be used any more: ${error.message}`) : error;
  });
  const hash = experimentHash(fromFile);
  if (hash !== doc.experimentHash) {
    throw refuse(
      `its experiment file ${experiment.file} changed since the run started (its resolved content differs). A resume continues the recorded schedule, so put the file back as it was, or start a new run.`,
    );
  }

  const endpoints = await resumeEndpoints(doc, fromFile, args, deps, refuse);

  const status = await readRunStatusFile(dir);
  const { rows, done, lastEndMs, cutBytes, transfers } = await readResumeRows(dir, experiment);

  // The last sign of life (a heartbeat, a recorded end, a round sent, a row written), as an offset
  // on the run's timeline: offsets compared as offsets, so the last round sent is exactly `atMs`
  // when it is the latest sign, not a float's width off after a trip through the epoch.
  const origin = doc.originEpochMs;
  const candidates = [
    status === null ? Number.NaN : Date.parse(status.heartbeatAt) - origin,
    doc.endedAt === null ? Number.NaN : Date.parse(doc.endedAt) - origin,
    journal.lastScheduledMs ?? Number.NaN,
    lastEndMs,
  ].filter((ms) => Number.isFinite(ms));
  const after: RunResume['after'] = liveness.state === 'killed' ? 'killed' : liveness.status === 'failed' ? 'failed' : 'interrupted';

  const calibrations = new Map<number, CalibrationResult>();
  for (const calibration of doc.calibrations as unknown as CalibrationResult[]) calibrations.set(calibration.subExperimentIndex, calibration);
  for (const [index, calibration] of journal.state.calibrations) calibrations.set(index, calibration);

  return {
    dir,
    runId: doc.runId,
    originEpochMs: doc.originEpochMs,
    experiment,
    experimentHash: doc.experimentHash,
    endpointSource: doc.endpointSource,
    endpointLocator: doc.endpointLocator ?? null,
    recordedEndpoints: doc.endpoints,
    endpoints,
    journal,
    rows,
    done,
    cutBytes,
    transfers,
    calibrations: [...calibrations.values()],
    previousResumes: (doc.resumes ?? []) as unknown as RunResume[],
    stopped: {
      after,
      atMs: candidates.length === 0 ? 0 : Math.max(...candidates),
      reason: liveness.state === 'killed' ? liveness.why : doc.reason,
    },
  };
}

async function resumeEndpoints(
  doc: z.infer<typeof ResumableDocument>,
  fromFile: ResolvedExperiment,
  args: BenchArgs,
  deps: SelectDeps,
  refuse: (why: string) => UserError,
): Promise<PreparedResume['endpoints']> {
  if (doc.endpointSource === 'local') return { kind: 'local' };
  let outputs;
  let sourceName: string;
  const locator = doc.endpointLocator ?? null;
  if (args.outputsFile !== null || (args.stack === null && doc.endpointSource === 'outputs-file')) {
    const file = args.outputsFile ?? locator;
    if (file === null) throw refuse('its endpoints came from an outputs file that was not recorded; give it again with --outputs FILE.');
    outputs = await deps.readOutputsFile(file);
    sourceName = `outputs file ${file}`;
  } else {
    const lookup = await deps.readPulumiStack(args.stack ?? locator);
    if (!lookup.found) throw refuse(`its endpoints came from a Pulumi stack, but ${lookup.why}; select the stack or give --stack NAME or --outputs FILE.`);
    outputs = lookup.outputs;
    sourceName = `Pulumi stack ${lookup.stack}`;
  }
  const deployed = endpointsFor(fromFile, outputs, sourceName);
  if (canonicalJson(recordedEndpoints(deployed)) !== canonicalJson(doc.endpoints)) {
    throw refuse(
      `the endpoints in ${sourceName} are not the ones the run measured (the stack was deployed again or another one was given). Results from two deployments must not be one run: start a new run.`,
    );
  }
  return { kind: 'deployed', deployed, token: outputs.token, sourceName };
}
