import type { ResolvedExperiment } from '../../experiments/schema/index.js';
import type { LocalPlatformEnd } from '../../infra/local/index.js';

/** One run-log line: level, message and the fields kept with it. */
export interface ObjectStoreLogLine {
  readonly level: 'info' | 'warn';
  readonly message: string;
  readonly fields: Readonly<Record<string, number | string>>;
}

/**
 * The run log's account of the local object store at the end of a study (pure). Consumers delete
 * what they read, so a clean study ends with nothing left; the platform removes whatever is left
 * and this line says how much that was, as a warning, since each leftover is a delete that failed
 * or a hop that never ran. Null for a run that never used the store. A platform that had already
 * ended could not count: said as such, never reported as clean.
 */
export function objectStoreLogLine(experiment: Pick<ResolvedExperiment, 'subExperiments'>, end: LocalPlatformEnd | null): ObjectStoreLogLine | null {
  const storageChains = experiment.subExperiments.some((sub) => sub.chain?.transfer === 'storage');
  if (end === null) {
    if (!storageChains) return null;
    return {
      level: 'warn',
      message: 'local object store: the platform had ended before it could count what was left; whatever it held is gone with it, uncounted',
      fields: { event: 'object-store', counted: 'no' },
    };
  }
  const store = end.objectStore;
  if (!storageChains && store.puts === 0) return null;
  const left = store.removed.objects;
  const fields = {
    event: 'object-store',
    counted: 'yes',
    puts: store.puts,
    gets: store.gets,
    deletes: store.deletes,
    refused: store.refused,
    leftObjects: left,
    leftBytes: store.removed.bytes,
    removedObjects: left,
    removedBytes: store.removed.bytes,
  };
  const calls = `${store.puts} objects written, ${store.gets} reads, ${store.deletes} deletes by the chain functions${store.refused > 0 ? `, ${store.refused} writes refused` : ''}`;
  if (left === 0) return { level: 'info', message: `local object store: ${calls}; at the end of the study 0 objects were left, none to remove`, fields };
  return {
    level: 'warn',
    message:
      `local object store: ${calls}; at the end of the study ${left} object${left === 1 ? ' was' : 's were'} left (${store.removed.bytes} bytes) ` +
      `and the platform removed ${left === 1 ? 'it' : 'them'}: each is a consumer's delete that failed or a hop that never ran (see transfers.csv)`,
    fields,
  };
}
