/** What the perf script and its responder child say to each other over IPC. */

/** Paths under this prefix have their arrival times recorded by the responder. */
export const ARRIVALS_PREFIX = '/arrivals/';

export type ResponderRequest = { readonly type: 'take-arrivals'; readonly path: string };

export type ResponderReply =
  | { readonly type: 'listening'; readonly port: number }
  /** Arrival times of the path's requests in arrival order, CLOCK_MONOTONIC in ms; forgotten once taken. */
  | { readonly type: 'arrivals'; readonly path: string; readonly monotonicMs: readonly number[] };
