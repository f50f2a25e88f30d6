import { StoreError } from './store-error.js';
import type { DeleteResult, GetResult, TransferStore } from './transfer-store.js';

/** The consumer's two calls, each a result or the error it ended with. */
export interface Consumed {
  readonly read: GetResult | StoreError;
  readonly cleanup: DeleteResult | StoreError;
}

/**
 * Reads the object the previous hop wrote, then deletes it. The delete is tried even when the
 * read failed (a timed-out read may leave the object behind), and its failure never hides a
 * successful read: both outcomes go into the hop row, and the lifecycle rule removes what a
 * failed delete leaves.
 */
export async function readThenDelete(store: TransferStore, key: string): Promise<Consumed> {
  const read = await settle(store.get(key));
  const cleanup = await settle(store.delete(key));
  return { read, cleanup };
}

async function settle<T>(call: Promise<T>): Promise<T | StoreError> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
}
