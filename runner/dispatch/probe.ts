import { dispatchBurst, type DispatchContext } from './burst.js';
import type { ProbeOutcome } from './outcome.js';
import type { ProbeRequest } from './probe-request.js';

/**
 * Sends one request now (DNS first, outside the timing) and resolves with its outcome. Never
 * rejects. For sequential requests such as calibration; bursts go through prepareBurst so their
 * DNS and set-up happen before the deadline.
 */
export async function probe(request: ProbeRequest, context: DispatchContext, signal?: AbortSignal): Promise<ProbeOutcome> {
  const { outcomes } = await dispatchBurst([request], context, signal);
  return outcomes[0] as ProbeOutcome;
}
