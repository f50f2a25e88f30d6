/**
 * How one run is stopped, whoever stops it: the user (a signal, through the CLI's AbortSignals) or
 * the run itself when something it depends on breaks (the local platform dies, the endpoints go
 * dark, a results file cannot be written). `stop` ends scheduling; `abort` also ends the requests
 * in flight as ABORTED. A failure does both and makes the run `failed` with its reason; the first
 * failure is the one reported.
 */

export interface RunControl {
  /** Soft stop: no further round fires. */
  readonly stop: AbortSignal;
  /** Hard stop: requests in flight end as ABORTED at once. */
  readonly abort: AbortSignal;
  /** Why the run failed, once something broke; null otherwise. */
  readonly failure: string | null;
  fail(reason: string): void;
  /** Unhooks from the caller's signals. */
  dispose(): void;
}

export function createRunControl(user: { signal: AbortSignal; hardSignal?: AbortSignal }): RunControl {
  const stop = new AbortController();
  const abort = new AbortController();
  let failure: string | null = null;
  // Without a separate hard signal the caller's one does both (what an in-process caller expects of an abort).
  const hard = user.hardSignal ?? user.signal;
  const onStop = () => stop.abort(user.signal.reason);
  const onHard = () => {
    if (!stop.signal.aborted) stop.abort(hard.reason);
    abort.abort(hard.reason);
  };
  if (user.signal.aborted) onStop();
  else user.signal.addEventListener('abort', onStop, { once: true });
  if (hard.aborted) onHard();
  else hard.addEventListener('abort', onHard, { once: true });

  return {
    stop: stop.signal,
    abort: abort.signal,
    get failure() {
      return failure;
    },
    fail(reason) {
      if (failure !== null) return;
      failure = reason;
      const error = new Error(reason);
      stop.abort(error);
      abort.abort(error);
    },
    dispose() {
      user.signal.removeEventListener('abort', onStop);
      hard.removeEventListener('abort', onHard);
    },
  };
}
