import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import type { MeasurementResponse } from '../../measurement-functions/core/index.js';

/**
 * The measurement contract as the runner checks it. Extra fields are allowed (a newer function may
 * add some); a missing or mistyped field makes the body unusable, since every field lands in the
 * latency CSV.
 */
const MeasurementResponseBody = z.object({
  instanceId: z.string(),
  coldStart: z.boolean(),
  refusedBeforeFirst: z.int().min(0),
  invocationCount: z.number(),
  instanceStartedAt: z.number(),
  initEndedAt: z.number().nullable(),
  handlerStartedAt: z.number(),
  handlerEndedAt: z.number(),
  serviceTimeMs: z.number().nullable(),
  spinIncrements: z.number(),
  spinCapped: z.boolean(),
  payloadBytes: z.number(),
  vendor: z.string(),
  runtime: z.string(),
  region: z.string(),
  memoryMb: z.number(),
  requestId: z.string().nullable(),
}) satisfies z.ZodType<MeasurementResponse>;

export type ParsedBody = { readonly ok: true; readonly response: MeasurementResponse } | { readonly ok: false; readonly problem: string };

/** The body as the contract's response, or what is wrong with it (one sentence). */
export function parseMeasurementBody(body: Buffer): ParsedBody {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, problem: body.length === 0 ? 'the response body is empty' : 'the response body is not JSON' };
  }
  const parsed = MeasurementResponseBody.safeParse(json);
  if (parsed.success) return { ok: true, response: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
  return { ok: false, problem: `the response body is not the measurement contract: ${issue?.message ?? 'invalid'}${where}` };
}

/** Longest error message kept from a refusal's body. */
const MAX_MESSAGE_CHARS = 300;

/**
 * What a non-2xx answer said: the `message` of a JSON refusal, else the body's text, trimmed;
 * the status line when the body says nothing.
 */
export function errorMessageOf(status: number, body: Buffer): string {
  const text = body.toString('utf8').trim();
  let message = text;
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json === 'object' && json !== null && 'message' in json && typeof json.message === 'string') {
      message = json.message.trim();
    }
  } catch {
    // Not JSON: the text itself is the message.
  }
  if (message === '') return `HTTP ${status} ${STATUS_CODES[status] ?? ''}`.trim();
  return message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS)}…` : message;
}
