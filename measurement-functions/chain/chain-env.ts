import type { Transfer } from './hop-protocol.js';

/**
 * The settings that make a deployed function one hop of a chain, set by the stack next to
 * FAASBENCH_* of core/config.ts. The next hop is named here and only here: that one entry is the
 * whole allow-list of what a hop may call (on Cloudflare it is the NEXT_HOP service binding).
 */
export const CHAIN_ENV = {
  /** 0 for the producer. */
  position: 'FAASBENCH_CHAIN_POSITION',
  length: 'FAASBENCH_CHAIN_LENGTH',
  transfer: 'FAASBENCH_CHAIN_TRANSFER',
  /** The next function's HTTPS endpoint; absent on the last hop and on Cloudflare. */
  nextHopUrl: 'FAASBENCH_NEXT_HOP_URL',
  /** Largest payload a request may ask the chain to pass (the schema's limit for this deployment). */
  maxPayloadBytes: 'FAASBENCH_CHAIN_MAX_PAYLOAD_BYTES',
  /** Longest the call to the next hop may take, in ms; DEFAULT_NEXT_HOP_TIMEOUT_MS when unset. */
  nextTimeoutMs: 'FAASBENCH_CHAIN_NEXT_TIMEOUT_MS',
} as const;

/** Cloudflare: the next Worker arrives as this service binding on `env`. */
export const NEXT_HOP_BINDING = 'NEXT_HOP';

export const DEFAULT_NEXT_HOP_TIMEOUT_MS = 60_000;

export interface ChainConfig {
  readonly position: number;
  readonly length: number;
  readonly transfer: Transfer;
  readonly maxPayloadBytes: number;
  readonly nextTimeoutMs: number;
  /** True for every hop but the last. */
  readonly hasNext: boolean;
}

/** null for a function that is no hop of a chain; throws naming the first bad setting. */
export function chainConfigFromEnv(env: Readonly<Record<string, unknown>>): ChainConfig | null {
  const text = (name: string): string | undefined => {
    const value = env[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  if (text(CHAIN_ENV.length) === undefined) return null;
  const whole = (name: string, min: number): number => {
    const value = Number(text(name));
    if (!Number.isSafeInteger(value) || value < min) throw new Error(`faasbench function: ${name} must be a whole number of at least ${min}`);
    return value;
  };
  const length = whole(CHAIN_ENV.length, 2);
  const position = whole(CHAIN_ENV.position, 0);
  if (position >= length) throw new Error(`faasbench function: ${CHAIN_ENV.position} ${position} is not below ${CHAIN_ENV.length} ${length}`);
  const transfer = text(CHAIN_ENV.transfer);
  if (transfer !== 'inline' && transfer !== 'storage') throw new Error(`faasbench function: ${CHAIN_ENV.transfer} must be inline or storage`);
  return {
    position,
    length,
    transfer,
    maxPayloadBytes: whole(CHAIN_ENV.maxPayloadBytes, 0),
    nextTimeoutMs: text(CHAIN_ENV.nextTimeoutMs) === undefined ? DEFAULT_NEXT_HOP_TIMEOUT_MS : whole(CHAIN_ENV.nextTimeoutMs, 1),
    hasNext: position < length - 1,
  };
}
