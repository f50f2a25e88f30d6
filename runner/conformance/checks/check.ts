import type { ConformanceExpectations } from '../../../infra/conformance-expectations.js';
import type { EndpointOutput } from '../../../infra/outputs.js';
import type { LooseResponse } from '../contract-schema.js';
import type { Send } from '../http.js';

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  readonly id: string;
  readonly status: CheckStatus;
  /** What was seen, in one sentence: why it failed, or what passing rested on. */
  readonly detail: string;
}

/** The vendor's expectations plus the two capabilities the suite tests against. */
export interface Expectations extends ConformanceExpectations {
  readonly maxSpinMs: number;
  readonly maxPayloadBytes: number;
}

export interface CheckContext {
  readonly endpoint: EndpointOutput;
  readonly token: string;
  readonly expectations: Expectations;
  readonly send: Send;
  /** Every accepted (HTTP 200) response the suite has had from this endpoint so far. */
  readonly accepted: () => readonly LooseResponse[];
  readonly signal: AbortSignal;
}

export interface Check {
  readonly id: string;
  /** What it holds the endpoint to, for the table's legend. */
  readonly title: string;
  run(context: CheckContext): Promise<CheckResult>;
}

export const pass = (id: string, detail: string): CheckResult => ({ id, status: 'pass', detail });
export const fail = (id: string, detail: string): CheckResult => ({ id, status: 'fail', detail });
export const skip = (id: string, detail: string): CheckResult => ({ id, status: 'skip', detail });

/** A plain request with the stack's token and no spin. */
export const TIMEOUT_MS = 30_000;
