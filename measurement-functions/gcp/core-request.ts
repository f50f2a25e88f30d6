import type { Request } from '@google-cloud/functions-framework';
import { type CoreRequest, SPIN_INCREMENTS_PARAM, SPIN_MS_PARAM, TOKEN_HEADER, tokenMatches } from '../core/index.js';

/** Set by Cloud Run functions on each invocation; the `execution_id` of the function's logs. */
export const EXECUTION_ID_HEADER = 'function-execution-id';
/** Set by Google's front end on every request, `TRACE_ID/SPAN_ID;o=OPTIONS`; the trace of the request log. */
export const TRACE_HEADER = 'x-cloud-trace-context';

/**
 * What the measurement core needs from one Functions Framework (Express) request. A body the
 * framework left unread is counted only for a caller with the token (`expectedToken`): the core
 * refuses the others before any work, and reading their upload would be work.
 */
export async function coreRequestOf(req: Request, expectedToken: string): Promise<CoreRequest> {
  const token = req.get(TOKEN_HEADER);
  return {
    token,
    spinIncrements: firstString(req.query[SPIN_INCREMENTS_PARAM]),
    spinMs: firstString(req.query[SPIN_MS_PARAM]),
    payloadBytes: tokenMatches(expectedToken, token) ? await bodyBytes(req) : 0,
    requestId: platformRequestId(req),
  };
}

/**
 * The execution id when the platform sends one, else the trace id, else null. The framework's
 * own `req.executionId` is not used: it makes one up when the header is missing, and a made-up
 * id would pass for Google's.
 */
export function platformRequestId(req: Pick<Request, 'get'>): string | null {
  const executionId = req.get(EXECUTION_ID_HEADER);
  if (executionId !== undefined && executionId !== '') return executionId;
  const traceId = req.get(TRACE_HEADER)?.split('/')[0];
  return traceId !== undefined && traceId !== '' ? traceId : null;
}

/**
 * Bytes of the request body as received. The framework's body parsers keep the raw bytes in
 * `rawBody`, but only for a body with a Content-Type; without one no parser claims the body and
 * it is still unread, so it is counted here.
 */
async function bodyBytes(req: Request): Promise<number> {
  if (req.rawBody !== undefined) return req.rawBody.byteLength;
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  return hasBody && !req.readableEnded ? countUnread(req) : 0;
}

function countUnread(req: Request): Promise<number> {
  return new Promise((resolve) => {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.byteLength));
    req.once('end', () => resolve(bytes));
    // An aborted upload ends here instead; nobody is left to read its response anyway.
    req.once('error', () => resolve(bytes));
    req.once('close', () => resolve(bytes));
  });
}

/** Express gives a repeated query parameter as an array; the first one counts, as in Flask. */
export function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}
