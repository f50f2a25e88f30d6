import type { StoreOperation, StoreService, StoreTiming } from './transfer-store.js';

/**
 * A failure as a vendor client reports it, before timing is attached: the HTTP status when there
 * was an answer, the service's own error code (NoSuchKey, BlobNotFound, notFound, ...) and its
 * message. Vendor files throw this; timed-store.ts turns it into a StoreError.
 */
export class StoreFailure extends Error {
  constructor(
    readonly status: number | null,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreFailure';
  }
}

/** The fields of a StoreError a hop row carries (never a URL, a token or a signature). */
export interface StoreErrorRecord {
  readonly service: StoreService;
  readonly operation: StoreOperation;
  readonly key: string;
  readonly status: number | null;
  readonly code: string;
  readonly message: string;
  readonly durationMs: number;
}

/**
 * Every rejection of a TransferStore. The message is one line naming the service, the operation,
 * the key, the status and the service's code, e.g.
 * `azure-blob get of transfers/r1/hop-0-x failed: HTTP 404 BlobNotFound: The specified blob does not exist.`
 */
export class StoreError extends Error {
  readonly service: StoreService;
  readonly operation: StoreOperation;
  readonly key: string;
  readonly status: number | null;
  readonly code: string;
  readonly timing: StoreTiming;

  constructor(fields: {
    service: StoreService;
    operation: StoreOperation;
    key: string;
    status: number | null;
    code: string;
    detail: string;
    timing: StoreTiming;
  }) {
    const status = fields.status === null ? '' : `HTTP ${fields.status} `;
    super(`${fields.service} ${fields.operation} of ${fields.key} failed: ${status}${fields.code}: ${fields.detail}`);
    this.name = 'StoreError';
    this.service = fields.service;
    this.operation = fields.operation;
    this.key = fields.key;
    this.status = fields.status;
    this.code = fields.code;
    this.timing = fields.timing;
  }

  toRecord(): StoreErrorRecord {
    return {
      service: this.service,
      operation: this.operation,
      key: this.key,
      status: this.status,
      code: this.code,
      message: this.message,
      durationMs: this.timing.durationMs,
    };
  }
}
