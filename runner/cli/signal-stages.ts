/**
 * What a stop signal means, given the ones before it (pure: the CLI entry feeds it signals and
 * the time). The first stops scheduling, the second ends the requests in flight, later ones change
 * nothing. The same signal again within `duplicateWindowMs` of the last one that counted is the
 * same interruption arriving twice: a Ctrl-C reaches the whole foreground process group, and npm
 * relays its copy to the runner, which already has one.
 */

export type SignalStage = 'duplicate' | 'stop' | 'abort' | 'already-stopping';

export const DUPLICATE_WINDOW_MS = 150;

export function createSignalStages(duplicateWindowMs = DUPLICATE_WINDOW_MS): (name: string, nowMs: number) => SignalStage {
  let counted = 0;
  let last: { name: string; atMs: number } | null = null;
  return (name, nowMs) => {
    if (last !== null && last.name === name && nowMs - last.atMs < duplicateWindowMs) return 'duplicate';
    last = { name, atMs: nowMs };
    counted += 1;
    return counted === 1 ? 'stop' : counted === 2 ? 'abort' : 'already-stopping';
  };
}
