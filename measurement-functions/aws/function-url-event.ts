import { type CoreRequest, SPIN_INCREMENTS_PARAM, SPIN_MS_PARAM, TOKEN_HEADER } from '../core/index.js';

/**
 * The parts of a Lambda Function URL request (payload format 2.0) the adapter reads. Declared
 * here rather than taken from @types/aws-lambda: the function needs five fields, not a package.
 */
export interface FunctionUrlEvent {
  /** Header names arrive lower-cased; repeated headers are joined with commas. */
  readonly headers?: Readonly<Record<string, string | undefined>>;
  /** Absent when the URL has no query string. */
  readonly queryStringParameters?: Readonly<Record<string, string | undefined>>;
  /** Absent for an empty body; base64 when the content type is not text. */
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
}

/** The part of the Lambda context object the adapter reads. */
export interface LambdaContext {
  readonly awsRequestId: string;
}

/** What Lambda turns into the HTTP response of a Function URL. */
export interface FunctionUrlResult {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export function toCoreRequest(event: FunctionUrlEvent, context: LambdaContext): CoreRequest {
  const query = event.queryStringParameters ?? {};
  return {
    token: event.headers?.[TOKEN_HEADER],
    spinIncrements: query[SPIN_INCREMENTS_PARAM],
    spinMs: query[SPIN_MS_PARAM],
    payloadBytes: bodyBytes(event),
    requestId: context.awsRequestId,
  };
}

/**
 * Bytes of the request body as the client sent them. A base64 body is counted from its length
 * instead of decoded, so a request without the token costs no work proportional to its payload.
 */
export function bodyBytes(event: FunctionUrlEvent): number {
  const body = event.body ?? '';
  if (event.isBase64Encoded !== true) return Buffer.byteLength(body, 'utf8');
  const padding = body.endsWith('==') ? 2 : body.endsWith('=') ? 1 : 0;
  return Math.floor((body.length * 3) / 4) - padding;
}
