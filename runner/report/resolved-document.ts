import { z } from 'zod';
import type { ResolvedExperiment } from '../../experiments/schema/index.js';
import type { CalibrationResult } from '../engine/events.js';
import type { ObservedRunStatus } from '../results/run-status.js';

/**
 * experiment.resolved.json as the report reads it back (runner/results/resolved-file.ts writes it).
 * Lenient on purpose: a report of an old, partial or hand-edited file shows what is there and
 * "unknown" for the rest, rather than refusing the whole run. Each field falls back to null on its own.
 * Endpoint URLs are reduced to their regions: the report has no use for the addresses.
 */

export interface RunDocument {
  readonly runId: string | null;
  /** `killed` is never in the file: run-inputs.ts derives it from status.json for a `running` run nobody runs. */
  readonly status: ObservedRunStatus | null;
  readonly reason: string | null;
  readonly toolVersion: string | null;
  readonly nodeVersion: string | null;
  readonly originEpochMs: number | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly durationMs: number | null;
  readonly endpointSource: string | null;
  readonly regions: readonly string[];
  readonly calibrations: readonly CalibrationResult[];
  readonly experiment: ResolvedExperiment | null;
  /** Gaps of a resumed run (--resume), oldest first. */
  readonly resumes: readonly RunGap[];
}

export interface RunGap {
  readonly after: string;
  readonly stoppedAt: string;
  readonly resumedAt: string;
  readonly gapMs: number;
  readonly lostRequests: number;
  readonly newInstances: boolean;
}

const GapShape = z.object({
  after: z.string(),
  stoppedAt: z.string(),
  resumedAt: z.string(),
  gapMs: z.number(),
  lostRequests: z.number(),
  newInstances: z.boolean(),
});

const orNull = <T extends z.ZodType>(schema: T) => schema.nullable().optional().catch(null).transform((value) => value ?? null);

const CalibrationShape = z.object({
  subExperimentIndex: z.number(),
  subExperiment: z.string(),
  incrementsPerMs: z.number().nullable(),
  points: z.array(z.object({ desiredServiceTimeMs: z.number(), spinIncrements: z.number(), achievedServiceTimeMs: z.number().nullable() })),
  requestsSent: z.number(),
  // Files written before calibration could be timed by the client lack the field: theirs was the function's.
  timedBy: z.enum(['function', 'client']).nullable().optional().transform((value) => value ?? null),
  problem: z.string().nullable(),
});

// Only what the report relies on is checked; the rest of the experiment is shown as it is.
const ExperimentShape = z.looseObject({
    title: z.string(),
    vendor: z.string(),
    seed: z.number(),
    seedGenerated: z.boolean(),
    subExperiments: z.array(
      z.looseObject({
        index: z.number(),
        title: z.string(),
        burstSizes: z.array(z.number()),
        runtime: z.string(),
        memoryMb: z.number(),
        packageSizeMb: z.number(),
      }),
    ),
});

const EndpointsShape = z.looseObject({ subExperiments: z.array(z.looseObject({ endpoints: z.array(z.looseObject({ region: z.string() })) })) });

const DocumentShape = z.object({
  runId: orNull(z.string()),
  status: orNull(z.enum(['running', 'completed', 'interrupted', 'failed'])),
  reason: orNull(z.string()),
  toolVersion: orNull(z.string()),
  nodeVersion: orNull(z.string()),
  originEpochMs: orNull(z.number()),
  startedAt: orNull(z.string()),
  endedAt: orNull(z.string()),
  durationMs: orNull(z.number()),
  endpointSource: orNull(z.string()),
  endpoints: orNull(EndpointsShape),
  calibrations: z.array(CalibrationShape).optional().catch([]).transform((value) => value ?? []),
  experiment: orNull(ExperimentShape),
  resumes: z.array(GapShape).optional().catch([]).transform((value) => value ?? []),
});

/** The document, or why it cannot be used (one sentence). */
export function parseRunDocument(text: string): RunDocument | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `it is not valid JSON (${(error as Error).message})`;
  }
  const parsed = DocumentShape.safeParse(json);
  if (!parsed.success) return 'it is not a JSON object';
  const { endpoints, experiment, ...rest } = parsed.data;
  const regions = [...new Set((endpoints?.subExperiments ?? []).flatMap((sub) => sub.endpoints.map((e) => e.region)))].sort();
  return { ...rest, regions, experiment: experiment as unknown as ResolvedExperiment | null };
}
