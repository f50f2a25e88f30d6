import { z } from 'zod';
import type { MeasurementResponse } from '../../measurement-functions/core/index.js';

/**
 * The measurement contract as the conformance suite holds a function to it: every field, with
 * its exact type and range. Stricter than the runner's reading (runner/dispatch/response-body.ts),
 * which must make the most of whatever comes back; this one must say what is wrong.
 */
export const StrictMeasurementResponse = z.object({
  instanceId: z.string().min(1),
  coldStart: z.boolean(),
  refusedBeforeFirst: z.int().nonnegative(),
  invocationCount: z.int().positive(),
  instanceStartedAt: z.number().positive(),
  initEndedAt: z.number().positive().nullable(),
  handlerStartedAt: z.number().positive(),
  handlerEndedAt: z.number().positive(),
  serviceTimeMs: z.number().nonnegative().nullable(),
  spinIncrements: z.int().nonnegative(),
  spinCapped: z.boolean(),
  payloadBytes: z.int().nonnegative(),
  vendor: z.string().min(1),
  runtime: z.string().min(1),
  region: z.string().min(1),
  memoryMb: z.int().positive(),
  requestId: z.string().nullable(),
}) satisfies z.ZodType<MeasurementResponse>;

export const StrictRefusal = z.strictObject({
  error: z.enum(['unauthorized', 'bad-request', 'payload-too-large']),
  message: z.string(),
});

/** The first problem with a body, in words: "invocationCount: expected number, received string". */
export function contractProblem(json: unknown): string | null {
  const parsed = StrictMeasurementResponse.safeParse(json);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : '';
  return `${issue?.path.join('.') || 'the body'}: ${issue?.message ?? 'invalid'}${more}`;
}

/**
 * A response read leniently — numbers and booleans also from their text — so that every check
 * but the contract check judges the behaviour, not the typing: one broken property fails one check.
 */
export interface LooseResponse {
  readonly instanceId: string | null;
  readonly coldStart: boolean | null;
  readonly refusedBeforeFirst: number | null;
  readonly invocationCount: number | null;
  readonly instanceStartedAt: number | null;
  readonly initEndedAt: number | null;
  readonly handlerStartedAt: number | null;
  readonly handlerEndedAt: number | null;
  readonly serviceTimeMs: number | null;
  readonly spinIncrements: number | null;
  readonly spinCapped: boolean | null;
  readonly vendor: string | null;
  readonly runtime: string | null;
  readonly region: string | null;
  readonly memoryMb: number | null;
}

export function readLoose(json: unknown): LooseResponse | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const o = json as Record<string, unknown>;
  const num = (key: string) => {
    const v = o[key];
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
    return Number.isFinite(n) ? n : null;
  };
  const bool = (key: string) => {
    const v = o[key];
    return typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : null;
  };
  const text = (key: string) => (typeof o[key] === 'string' ? (o[key] as string) : typeof o[key] === 'number' ? String(o[key]) : null);
  return {
    instanceId: text('instanceId'),
    coldStart: bool('coldStart'),
    refusedBeforeFirst: num('refusedBeforeFirst'),
    invocationCount: num('invocationCount'),
    instanceStartedAt: num('instanceStartedAt'),
    initEndedAt: num('initEndedAt'),
    handlerStartedAt: num('handlerStartedAt'),
    handlerEndedAt: num('handlerEndedAt'),
    serviceTimeMs: num('serviceTimeMs'),
    spinIncrements: num('spinIncrements'),
    spinCapped: bool('spinCapped'),
    vendor: text('vendor'),
    runtime: text('runtime'),
    region: text('region'),
    memoryMb: num('memoryMb'),
  };
}
