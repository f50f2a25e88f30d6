import { promises as dns, ADDRCONFIG } from 'node:dns';
import { isIP } from 'node:net';
import type { RunClock } from './clock.js';

export interface HostAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** All addresses of a hostname, in the resolver's order; the system resolver by default. */
export type HostResolver = (hostname: string) => Promise<readonly HostAddress[]>;

/**
 * getaddrinfo (so /etc/hosts and the system's resolver configuration apply) with AI_ADDRCONFIG:
 * a family the machine has no address of (IPv6 on an IPv4-only host) is not answered, so a
 * client never dials an address it has no route to.
 */
export const systemResolver: HostResolver = async (hostname) =>
  (await dns.lookup(hostname, { all: true, hints: ADDRCONFIG })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

export type Resolution =
  | { readonly ok: true; readonly addresses: readonly HostAddress[] | null; readonly dnsMs: number | null }
  | { readonly ok: false; readonly errorCode: string; readonly errorMessage: string; readonly dnsMs: number | null };

/**
 * Resolves `hostname` ahead of a burst. getaddrinfo runs on libuv's 4-thread pool, so letting
 * each socket resolve on its own would queue a burst's connections behind each other; resolving
 * once before the deadline takes DNS out of the burst (its duration is reported, not timed as
 * latency). IP literals need no resolution (addresses and dnsMs null).
 */
export async function resolveHost(hostname: string, resolver: HostResolver, clock: RunClock): Promise<Resolution> {
  if (isIP(hostname) !== 0) return { ok: true, addresses: null, dnsMs: null };
  const startMs = clock.nowMs();
  try {
    const addresses = await resolver(hostname);
    const dnsMs = clock.nowMs() - startMs;
    if (addresses.length === 0) {
      return { ok: false, errorCode: 'ENOTFOUND', errorMessage: `no address for ${hostname}`, dnsMs };
    }
    return { ok: true, addresses, dnsMs };
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    return { ok: false, errorCode: code ?? 'ENOTFOUND', errorMessage: message, dnsMs: clock.nowMs() - startMs };
  }
}
