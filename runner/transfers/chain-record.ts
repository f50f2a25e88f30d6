import { CHAIN_PAYLOAD_PARAM } from '../../measurement-functions/chain/hop-protocol.js';
import type { RequestRecord } from '../results/request-record.js';

/**
 * A request record of a chain sub-experiment, as the runner emits it: the record plus the answer's
 * body as received (the token blanked out), which carries every hop's stamps. Only the
 * transfers.csv sink reads `chainBody`, off the timed path; it is no column of latencies.csv.
 */
export type ChainRecord = RequestRecord & { readonly chainBody?: Uint8Array };

/** The record with the answer's body attached, for the transfers sink. */
export function withChainBody(record: RequestRecord, body: Uint8Array): ChainRecord {
  return { ...record, chainBody: body };
}

/** A chain's hop 0 is asked for the chain's payload size; any other endpoint's URL is left as it is. */
export function chainRequestUrl(url: string, chain: { readonly payloadBytes: number } | null): string {
  if (chain === null) return url;
  const withPayload = new URL(url);
  withPayload.searchParams.set(CHAIN_PAYLOAD_PARAM, String(chain.payloadBytes));
  return withPayload.toString();
}
