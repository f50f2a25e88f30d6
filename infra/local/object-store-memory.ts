/**
 * The local object store's contents: objects in memory, bounded in size and count so a runaway
 * study cannot exhaust the machine. Pure bookkeeping, no I/O.
 */

export interface ObjectStoreLimits {
  /** Largest single object. */
  readonly maxObjectBytes: number;
  /** Bytes of all objects held at once. */
  readonly maxTotalBytes: number;
  /** Objects held at once (bounds the per-object overhead of many tiny payloads). */
  readonly maxObjects: number;
}

/** Defaults: above the local platform's largest request body (a chain payload can travel either way). */
export const DEFAULT_OBJECT_STORE_LIMITS: ObjectStoreLimits = {
  maxObjectBytes: 64 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  maxObjects: 10_000,
};

export type PutOutcome = 'stored' | 'too-large' | 'full';

export interface ObjectStoreCounts {
  readonly objects: number;
  readonly bytesStored: number;
  readonly puts: number;
  readonly gets: number;
  readonly deletes: number;
  /** Puts refused for size or for a full store. */
  readonly refused: number;
}

/** What a sweep removed: the objects nobody deleted. */
export interface ObjectStoreSweep {
  readonly objects: number;
  readonly bytes: number;
}

export class BoundedObjects {
  private readonly objects = new Map<string, Uint8Array>();
  private bytesStored = 0;
  private puts = 0;
  private gets = 0;
  private deletes = 0;
  private refused = 0;

  constructor(readonly limits: ObjectStoreLimits) {
    for (const [name, value] of Object.entries(limits)) {
      if (!Number.isInteger(value) || value < 1) throw new RangeError(`object store ${name} must be a positive integer, got ${value}`);
    }
  }

  /** Whether an object of `bytes` could be stored under `key` now (checked before its body is read). */
  admits(key: string, bytes: number): PutOutcome {
    if (bytes > this.limits.maxObjectBytes) return 'too-large';
    const replaced = this.objects.get(key)?.byteLength;
    const objectsAfter = this.objects.size + (replaced === undefined ? 1 : 0);
    const bytesAfter = this.bytesStored - (replaced ?? 0) + bytes;
    return objectsAfter > this.limits.maxObjects || bytesAfter > this.limits.maxTotalBytes ? 'full' : 'stored';
  }

  put(key: string, body: Uint8Array): PutOutcome {
    const outcome = this.admits(key, body.byteLength);
    if (outcome !== 'stored') {
      this.refused += 1;
      return outcome;
    }
    this.bytesStored += body.byteLength - (this.objects.get(key)?.byteLength ?? 0);
    this.objects.set(key, body);
    this.puts += 1;
    return outcome;
  }

  get(key: string): Uint8Array | undefined {
    this.gets += 1;
    return this.objects.get(key);
  }

  /** True when the object existed. */
  delete(key: string): boolean {
    this.deletes += 1;
    const body = this.objects.get(key);
    if (body === undefined) return false;
    this.bytesStored -= body.byteLength;
    this.objects.delete(key);
    return true;
  }

  /** Refuses a put that was too large or found the store full without storing it. */
  noteRefused(): void {
    this.refused += 1;
  }

  counts(): ObjectStoreCounts {
    return { objects: this.objects.size, bytesStored: this.bytesStored, puts: this.puts, gets: this.gets, deletes: this.deletes, refused: this.refused };
  }

  /** Removes every object held and says how many there were (not counted as deletes: nobody asked). */
  clear(): ObjectStoreSweep {
    const removed = { objects: this.objects.size, bytes: this.bytesStored };
    this.objects.clear();
    this.bytesStored = 0;
    return removed;
  }
}
