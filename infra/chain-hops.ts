import { storagePayloadLimit } from '../experiments/schema/chain.js';
import type { ResolvedChain, ResolvedSubExperiment } from '../experiments/schema/resolved.js';
import { CHAIN_ENV } from '../measurement-functions/chain/chain-env.js';
import { CAPABILITIES, type Vendor } from './vendors.js';

/**
 * What every vendor's deployment of a chain shares (pure, no Pulumi): the hops of one replica,
 * last first, since each hop's settings name the next one's endpoint; and each hop's settings.
 */

export interface ChainHop {
  /** 0 for the producer, the endpoint the runner calls. */
  readonly position: number;
  /** Suffix for the hop's name: '' for hop 0 (so its name is the replica's usual one), else `-h<position>`. */
  readonly suffix: string;
}

/** The hops of one chain in deployment order: the last first, hop 0 last. */
export function hopsLastFirst(chain: ResolvedChain): ChainHop[] {
  return Array.from({ length: chain.length }, (_, i) => chain.length - 1 - i).map((position) => ({ position, suffix: hopSuffix(position) }));
}

export function hopSuffix(position: number): string {
  return position === 0 ? '' : `-h${position}`;
}

/** Largest payload a request may ask a chain of `sub` to pass on `vendor`: the schema's limit. */
export function chainMaxPayloadBytes(sub: ResolvedSubExperiment, vendor: Vendor): number {
  const chain = sub.chain as ResolvedChain;
  return chain.transfer === 'inline' ? CAPABILITIES[vendor].maxPayloadBytes : storagePayloadLimit(vendor, sub.memoryMb).bytes;
}

/**
 * The chain settings of one hop (store settings come from the vendor, which knows its store).
 * `nextHopUrl` is the next hop's endpoint, null on the last hop and on Cloudflare (a binding).
 * A hop waits for the next at most the client's requestTimeoutMs: longer, nobody is listening.
 */
export function chainHopEnv(sub: ResolvedSubExperiment, vendor: Vendor, position: number, nextHopUrl: string | null): Record<string, string> {
  const chain = sub.chain as ResolvedChain;
  return {
    [CHAIN_ENV.position]: String(position),
    [CHAIN_ENV.length]: String(chain.length),
    [CHAIN_ENV.transfer]: chain.transfer,
    [CHAIN_ENV.maxPayloadBytes]: String(chainMaxPayloadBytes(sub, vendor)),
    [CHAIN_ENV.nextTimeoutMs]: String(sub.requestTimeoutMs),
    ...(nextHopUrl === null ? {} : { [CHAIN_ENV.nextHopUrl]: nextHopUrl }),
  };
}
