/** Every field of a successful measurement response (MeasurementResponse), sorted: what each adapter must answer. */
export const CONTRACT_FIELDS: readonly string[] = [
  'coldStart', 'handlerEndedAt', 'handlerStartedAt', 'initEndedAt', 'instanceId', 'instanceStartedAt', 'invocationCount', 'memoryMb',
  'payloadBytes', 'refusedBeforeFirst', 'region', 'requestId', 'runtime', 'serviceTimeMs', 'spinCapped', 'spinIncrements', 'vendor',
].sort();

/** The instant fields of a response, in the order they must lie on the function's clock. */
export const INSTANT_FIELDS = ['instanceStartedAt', 'initEndedAt', 'handlerStartedAt', 'handlerEndedAt'] as const;

/** The response's instants, in contract order, as numbers (a missing or null one shows up as NaN). */
export function instantsOf(body: Readonly<Record<string, unknown>>): number[] {
  return INSTANT_FIELDS.map((field) => (typeof body[field] === 'number' ? (body[field] as number) : Number.NaN));
}
