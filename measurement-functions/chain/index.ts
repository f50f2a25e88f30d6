/**
 * One hop of a data-transfer chain, shared by every vendor's adapter: the protocol between hops,
 * the settings that wire a hop to the next, and the hop itself. The object stores it writes to and
 * reads from are in ../storage.
 */
export { CHAIN_ENV, type ChainConfig, chainConfigFromEnv, DEFAULT_NEXT_HOP_TIMEOUT_MS, NEXT_HOP_BINDING } from './chain-env.js';
export {
  CHAIN_HEADERS,
  CHAIN_ID_PATTERN,
  CHAIN_PAYLOAD_PARAM,
  type HopError,
  type HopReport,
  type HopStamp,
  type HopStamps,
  type NextAnswer,
  type Transfer,
} from './hop-protocol.js';
export { type HopDeps, type HopInput, type HopReply, serveHop, stampOf } from './hop.js';
export { fetchNextHop, type NextHop, nextHopFromEnv, type ServiceBinding, serviceBindingNextHop } from './next-hop.js';
export { payloadOf } from './payload.js';
