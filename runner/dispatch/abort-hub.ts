/**
 * One 'abort' listener per signal, however many bursts and waits watch it. A run's signal lives
 * for the whole run while its bursts overlap (a cold-start study keeps 50 in flight), and an
 * AbortSignal warns past 10 listeners (MaxListenersExceededWarning). The one listener fans out to
 * a set, so watching and unwatching is a Set operation instead of an EventTarget one.
 */

/** Something to end when a signal aborts. */
export interface Abortable {
  onAbort(): void;
}

const watchers = new WeakMap<AbortSignal, Set<Abortable>>();

/** Calls `item.onAbort()` when `signal` aborts, unless unwatched first. The signal must not be aborted yet. */
export function watchAbort(signal: AbortSignal, item: Abortable): void {
  let items = watchers.get(signal);
  if (items === undefined) {
    const set = new Set<Abortable>();
    items = set;
    watchers.set(signal, set);
    signal.addEventListener(
      'abort',
      () => {
        // A copy: onAbort may unwatch (a settling burst does).
        for (const watcher of [...set]) watcher.onAbort();
        set.clear();
      },
      { once: true },
    );
  }
  items.add(item);
}

export function unwatchAbort(signal: AbortSignal, item: Abortable): void {
  watchers.get(signal)?.delete(item);
}

/** Listeners the hub holds on `signal` (0 or 1), and watchers behind them: for tests. */
export function abortWatchers(signal: AbortSignal): number {
  return watchers.get(signal)?.size ?? 0;
}
