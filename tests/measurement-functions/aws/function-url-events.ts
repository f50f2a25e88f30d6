/** Lambda Function URL events (payload format 2.0) shaped as Lambda delivers them. */

export const REQUEST_TOKEN = 'stack-token-0123456789abcdef';

/** Environment a deployed function has: what Lambda sets plus what infra/aws/function-settings.ts sets. */
export const LAMBDA_ENV = {
  AWS_REGION: 'eu-central-1',
  AWS_LAMBDA_FUNCTION_NAME: 'fb-test-adapter-abcd-s0-r0',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  FAASBENCH_TOKEN: REQUEST_TOKEN,
  FAASBENCH_VENDOR: 'aws',
  // Deliberately unlike AWS_REGION: the adapter must report the region it really runs in.
  FAASBENCH_REGION: 'eu-west-1',
  FAASBENCH_RUNTIME: 'nodejs22',
  FAASBENCH_MEMORY_MB: '512',
  FAASBENCH_MAX_SPIN_MS: '2000',
  FAASBENCH_MAX_PAYLOAD_BYTES: '4194304',
};

export interface EventOptions {
  readonly token?: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  /** Lambda base64-encodes bodies whose content type is not text. */
  readonly binary?: boolean;
}

export function functionUrlEvent(options: EventOptions = {}): Record<string, unknown> {
  const query = options.query ?? {};
  const rawQueryString = new URLSearchParams(query).toString();
  const headers: Record<string, string> = {
    'x-amzn-tls-cipher-suite': 'TLS_AES_128_GCM_SHA256',
    'x-amzn-tls-version': 'TLSv1.3',
    'x-amzn-trace-id': 'Root=1-67a1b2c3-0123456789abcdef01234567',
    'x-forwarded-proto': 'https',
    host: 'abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-central-1.on.aws',
    'x-forwarded-port': '443',
    'x-forwarded-for': '203.0.113.7',
    accept: '*/*',
    'user-agent': 'faasbench',
  };
  if (options.token !== undefined) headers['x-faasbench-token'] = options.token;
  if (options.body !== undefined) headers['content-type'] = options.binary === true ? 'application/octet-stream' : 'text/plain';
  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString,
    headers,
    requestContext: {
      accountId: 'anonymous',
      apiId: 'abcdefghijklmnopqrstuvwxyz012345',
      domainName: 'abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-central-1.on.aws',
      domainPrefix: 'abcdefghijklmnopqrstuvwxyz012345',
      http: { method: options.body === undefined ? 'GET' : 'POST', path: '/', protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'faasbench' },
      requestId: 'c3f1e2d4-0000-4000-8000-000000000001',
      routeKey: '$default',
      stage: '$default',
      time: '23/Nov/2026:10:00:00 +0000',
      timeEpoch: 1_795_428_000_000,
    },
    isBase64Encoded: options.binary === true,
  };
  // Lambda leaves these keys out, rather than sending empty values, when there is nothing.
  if (rawQueryString !== '') event['queryStringParameters'] = { ...query };
  if (options.body !== undefined) event['body'] = options.binary === true ? options.body.toString('base64') : options.body.toString('utf8');
  return event;
}
