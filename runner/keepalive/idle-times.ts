/**
 * How long each request's replica had been idle when the request left: the time from the end of
 * the same replica's previous request (the client saw its answer) to this request's dispatch.
 * Pure; times are the run's monotonic offsets (RequestRecord.dispatchedMs / endMs).
 *
 * This is the idle time the client can vouch for. The instance went idle slightly earlier (it
 * sent the answer before the client finished reading it), so the measured idle is at most a
 * response transit longer than the instance's own; on a vendor that is milliseconds against
 * keep-alives of minutes. After a failed request (a timeout) the replica may still have been busy
 * when the client gave up, so its "idle" is an upper bound.
 */

export interface ReplicaRequest {
  readonly subExperimentIndex: number;
  readonly endpointIndex: number;
  readonly dispatchedMs: number;
  readonly endMs: number;
}

/**
 * For each request, in input order: ms from the end of the same replica's previous request (in
 * dispatch order) to its own dispatch. null for a replica's first request (nothing before it to
 * be idle after). Negative when the previous request had not ended yet: the replica was busy,
 * so the request is no sample of an idle time.
 */
export function idleSincePreviousMs(requests: readonly ReplicaRequest[]): (number | null)[] {
  const order = requests.map((_, index) => index).sort((a, b) => {
    const x = requests[a]!;
    const y = requests[b]!;
    return x.subExperimentIndex - y.subExperimentIndex || x.endpointIndex - y.endpointIndex || x.dispatchedMs - y.dispatchedMs || a - b;
  });
  const idle: (number | null)[] = new Array<number | null>(requests.length).fill(null);
  for (let i = 1; i < order.length; i++) {
    const previous = requests[order[i - 1]!]!;
    const current = requests[order[i]!]!;
    if (previous.subExperimentIndex === current.subExperimentIndex && previous.endpointIndex === current.endpointIndex) {
      idle[order[i]!] = current.dispatchedMs - previous.endMs;
    }
  }
  return idle;
}
