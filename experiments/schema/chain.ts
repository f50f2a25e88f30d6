import { z } from 'zod';
import type { Vendor } from '../../infra/vendors.js';
import { CAPABILITIES } from '../../infra/vendors.js';
import { DEFAULT_OBJECT_STORE_LIMITS } from '../../infra/local/object-store-memory.js';
import type { ResolvedChain } from './resolved.js';

/**
 * Data-transfer chains (STeLLAR's producer → consumer studies): N deployed functions, each calling
 * the next one the stack wired in, passing a payload inline (in the HTTP request) or through the
 * vendor's object storage. Limits and their reasons live here; the hop protocol lives in
 * measurement-functions/chain.
 */

/**
 * Longest chain: STeLLAR's own data-transfer studies go up to 16 functions
 * (experiments/data-transfer/inline/aws/warm-vary-chains.json), and Cloudflare lets one request
 * invoke at most 32 Workers through service bindings, so 16 fits every vendor.
 */
export const MAX_CHAIN_LENGTH = 16;
export const MIN_CHAIN_LENGTH = 2;

/**
 * Share of a function's memory a storage payload may take: the sender holds its payload buffer
 * and the receiver the bytes it read, next to the runtime itself.
 */
export const STORAGE_PAYLOAD_MEMORY_SHARE = 0.25;

export const CHAIN_TRANSFERS = ['inline', 'storage'] as const;
export type ChainTransfer = (typeof CHAIN_TRANSFERS)[number];

export const ChainInput = z.strictObject({
  /** Functions in the chain, producer included: hop i calls hop i + 1. */
  length: z.int().min(MIN_CHAIN_LENGTH).max(MAX_CHAIN_LENGTH),
  /** `inline`: the payload is the next hop's request body; `storage`: written to the object store, its key passed on, read back. */
  transfer: z.enum(CHAIN_TRANSFERS),
  /** Bytes the producer makes and every hop passes to the next. */
  payloadBytes: z.int().min(0).max(1024 * 1024 * 1024),
});
export type ChainInput = z.infer<typeof ChainInput>;

/** Whether a runtime can run chain functions: the hop code exists for Node.js (and workerd) only. */
export function chainRuntimeSupported(runtime: string): boolean {
  return runtime === 'workerd' || runtime.startsWith('nodejs');
}

/** Largest storage payload for a function of `memoryMb` on `vendor`, and why. */
export function storagePayloadLimit(vendor: Vendor, memoryMb: number): { bytes: number; why: string } {
  const memoryBytes = Math.floor(memoryMb * 1024 * 1024 * STORAGE_PAYLOAD_MEMORY_SHARE);
  if (vendor === 'local' && DEFAULT_OBJECT_STORE_LIMITS.maxObjectBytes < memoryBytes) {
    return { bytes: DEFAULT_OBJECT_STORE_LIMITS.maxObjectBytes, why: "the local platform's object store holds objects of at most 64 MiB" };
  }
  return { bytes: memoryBytes, why: `a quarter of the function's ${memoryMb} MB, since sender and receiver each hold the whole payload` };
}

type Report = (path: readonly (string | number)[], message: string) => void;

/** The chain as resolved, with every problem reported against `chain.<field>` (or `runtime`). */
export function resolveChain(
  chain: ChainInput,
  sub: { readonly runtime: string; readonly memoryMb: number; readonly payloadBytes: number | undefined },
  vendor: Vendor,
  report: Report,
): ResolvedChain {
  if (!chainRuntimeSupported(sub.runtime)) {
    report(
      ['chain'],
      `needs a Node.js runtime (runtime is "${sub.runtime}"): chain functions exist for Node.js only; allowed runtimes on ${vendor} are ${CAPABILITIES[vendor].runtimes.filter(chainRuntimeSupported).join(', ')}`,
    );
  }
  if (sub.payloadBytes !== undefined && sub.payloadBytes > 0) {
    report(['payloadBytes'], 'must be 0 with a chain: the client sends hop 0 no body; give the payload the hops pass on as chain.payloadBytes');
  }
  if (chain.transfer === 'inline') {
    const limit = CAPABILITIES[vendor].maxPayloadBytes;
    if (chain.payloadBytes > limit) {
      report(['chain', 'payloadBytes'], `${chain.payloadBytes} is more than ${vendor} accepts in a request body, which is how inline payloads travel (at most ${limit}); use transfer "storage" for larger payloads`);
    }
  } else {
    const limit = storagePayloadLimit(vendor, sub.memoryMb);
    if (chain.payloadBytes > limit.bytes) {
      report(['chain', 'payloadBytes'], `${chain.payloadBytes} is more than a storage payload may be here (at most ${limit.bytes}: ${limit.why})`);
    }
  }
  return { length: chain.length, transfer: chain.transfer, payloadBytes: chain.payloadBytes };
}
