/**
 * The object store one hop of a chain writes its payload to and the next hop reads it back from.
 * One implementation per vendor (aws-s3.ts, azure-blob.ts, gcs.ts, r2.ts, local-store.ts), all
 * behind this interface, all timed the same way by timed-store.ts.
 *
 * Keys are made by the caller (transfer-key.ts), so the producer knows the key before the object
 * exists and can hand it to the next hop; the consumer deletes the object once it has read it
 * (consume.ts). A bucket lifecycle rule on the key prefix removes anything a failed hop leaves.
 */

/** Which service a store talks to; written into hop rows next to the timings. */
export type StoreService = 's3' | 'azure-blob' | 'gcs' | 'r2' | 'local';

export type StoreOperation = 'put' | 'get' | 'delete';

/**
 * What a hop stamp needs from one storage call: when it was issued on both of the instance's
 * clocks, and how long it took on the monotonic one (a same-clock difference, free of skew).
 */
export interface StoreTiming {
  /** Epoch ms (sub-ms fraction where the runtime has it) when the call was issued. */
  readonly startedAtEpochMs: number;
  /** The instance's monotonic clock when the call was issued and when it settled. */
  readonly startedAtMonotonicMs: number;
  readonly endedAtMonotonicMs: number;
  /** endedAtMonotonicMs − startedAtMonotonicMs. */
  readonly durationMs: number;
  /**
   * Part of durationMs spent obtaining credentials for the call (the GCS metadata-server token on
   * an instance's first call or after expiry); 0 when none had to be fetched.
   */
  readonly authMs: number;
}

export interface PutResult extends StoreTiming {
  readonly key: string;
  readonly bytes: number;
}

export interface GetResult extends StoreTiming {
  readonly key: string;
  readonly bytes: number;
  readonly body: Uint8Array;
}

export interface DeleteResult extends StoreTiming {
  readonly key: string;
}

/**
 * A vendor's object store as a hop sees it. Every failure rejects with a StoreError (never a
 * vendor SDK error), carrying the timing up to the failure. Nothing is retried.
 */
export interface TransferStore {
  readonly service: StoreService;
  put(key: string, body: Uint8Array): Promise<PutResult>;
  /** Rejects with status 404 when there is no such object. */
  get(key: string): Promise<GetResult>;
  /** Succeeds when the object is gone afterwards, whether or not it existed (S3 and R2 cannot tell). */
  delete(key: string): Promise<DeleteResult>;
}
