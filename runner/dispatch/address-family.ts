import { isIP } from 'node:net';
import type { AddressFamilyMode } from '../../experiments/schema/index.js';
import type { HostAddress, Resolution } from './resolve-host.js';

/**
 * The family `any` settled on per hostname, for a whole run: the first answer's family the first
 * time the name is resolved, kept when later answers come in another order.
 */
export type FamilyChoices = Map<string, 4 | 6>;

/** A resolution narrowed to one family: the addresses requests may use, and which family that is. */
export type FamilyResolution =
  | { readonly ok: true; readonly addresses: readonly HostAddress[] | null; readonly family: 4 | 6; readonly dnsMs: number | null }
  | { readonly ok: false; readonly errorCode: string; readonly errorMessage: string; readonly dnsMs: number | null };

const FAMILY_OF_MODE = { ipv4: 4, ipv6: 6 } as const;
const label = (family: 4 | 6) => (family === 4 ? 'IPv4' : 'IPv6');

/**
 * Keeps the addresses of one family: the one `mode` names, or for `any` the family `choices`
 * holds for the name (set from the first answer the first time). A name (or an IP literal) with no
 * address of that family fails, naming the family, as every request to it will: a sample never
 * mixes two network paths.
 */
export function narrowToFamily(hostname: string, resolution: Resolution, mode: AddressFamilyMode, choices: FamilyChoices): FamilyResolution {
  if (!resolution.ok) return resolution;
  const literal = isIP(hostname);
  const answers: readonly HostAddress[] = resolution.addresses ?? (literal === 0 ? [] : [{ address: hostname, family: literal === 6 ? 6 : 4 }]);
  let family: 4 | 6 | undefined = mode === 'any' ? choices.get(hostname) : FAMILY_OF_MODE[mode];
  if (family === undefined) {
    const first = answers[0];
    if (first === undefined) return { ok: false, errorCode: 'ENOTFOUND', errorMessage: `no address for ${hostname}`, dnsMs: resolution.dnsMs };
    family = first.family;
    choices.set(hostname, family);
  }
  const kept = answers.filter((answer) => answer.family === family);
  if (kept.length === 0) {
    const why = mode === 'any' ? `addressFamily "any" settled on ${label(family)} for this run` : `addressFamily "${mode}"`;
    const has = literal !== 0 ? `it is an ${label(literal === 6 ? 6 : 4)} address` : `it resolved to ${answers.map((a) => a.address).join(', ')}`;
    return { ok: false, errorCode: 'ENOTFOUND', errorMessage: `no ${label(family)} address for ${hostname} (${why}; ${has})`, dnsMs: resolution.dnsMs };
  }
  return { ok: true, addresses: resolution.addresses === null ? null : kept, family, dnsMs: resolution.dnsMs };
}
