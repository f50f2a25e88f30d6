/** Why the platform, not the function, could not answer a request; the gateway sends it as JSON. */
export class InvocationError extends Error {
  override readonly name = 'InvocationError';

  constructor(
    readonly status: 502 | 503,
    readonly code: 'instance-failed' | 'platform-stopping' | 'function-removed',
    message: string,
  ) {
    super(message);
  }
}
