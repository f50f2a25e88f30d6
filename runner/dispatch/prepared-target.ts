import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { TOKEN_HEADER } from '../../measurement-functions/core/index.js';
import type { AgentPool } from './agents.js';
import type { ProbeRequest } from './probe-request.js';
import type { FamilyResolution } from './address-family.js';
import type { HostAddress } from './resolve-host.js';

/**
 * Everything a request needs, built before its burst is due, so dispatching is only
 * `request(options)` + `end()`. Node copies options and headers into each ClientRequest, so one
 * options object per resolved address serves every request of the burst.
 */
export interface PreparedTarget {
  readonly send: (options: https.RequestOptions) => http.ClientRequest;
  /** One per resolved address of the run's family; request i uses options[i mod n] (round-robin). */
  readonly options: readonly https.RequestOptions[];
  /** The address each entry of `options` dials: a new connection's peer, known without asking the socket. */
  readonly addresses: readonly string[];
  /** The family every request to this target dials; null when it cannot be sent. */
  readonly addressFamily: 4 | 6 | null;
  readonly payload: Uint8Array | null;
  readonly secure: boolean;
  /** Looked for in bodies and messages, so it can be blanked out; never sent anywhere but the header. */
  readonly token: string;
  readonly timeoutMs: number;
  readonly dnsMs: number | null;
  /** Set when the request cannot be sent at all (bad URL, DNS failure): it then fails at dispatch. */
  readonly failure: { readonly errorCode: string; readonly errorMessage: string } | null;
}

export function prepareTarget(request: ProbeRequest, resolution: FamilyResolution, agents: AgentPool): PreparedTarget {
  const base = { payload: request.payload, token: request.token, timeoutMs: request.timeoutMs, dnsMs: resolution.dnsMs };
  const url = parseUrl(request.url);
  if (!('href' in url)) return { ...base, send: http.request, options: [], addresses: [], addressFamily: null, secure: false, failure: url };
  const secure = url.protocol === 'https:';
  const send = secure ? https.request : http.request;
  if (!resolution.ok) return { ...base, send, options: [], addresses: [], addressFamily: null, secure, failure: resolution };

  const headers: http.OutgoingHttpHeaders = { [TOKEN_HEADER]: request.token };
  if (request.payload !== null) {
    headers['content-type'] = 'application/octet-stream';
    headers['content-length'] = request.payload.byteLength;
  }
  const hostname = hostnameOf(url);
  const common: https.RequestOptions = {
    protocol: url.protocol,
    hostname,
    port: url.port === '' ? (secure ? 443 : 80) : Number(url.port),
    path: `${url.pathname}${url.search}`,
    method: request.payload === null ? 'GET' : 'POST',
    headers,
    agent: agents.agentFor(url, request.connection),
    // Set here once instead of by the agent for every request ('' = no SNI: plain HTTP, IP literals).
    servername: secure && isIP(hostname) === 0 ? hostname : '',
  };
  const options =
    resolution.addresses === null
      ? [common]
      : resolution.addresses.map((address) => ({ ...common, family: address.family, lookup: fixedLookup(address) }));
  const addresses = resolution.addresses === null ? [hostname] : resolution.addresses.map((address) => address.address);
  return { ...base, send, options, addresses, addressFamily: resolution.family, secure, failure: null };
}

function parseUrl(text: string): URL | { errorCode: string; errorMessage: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { errorCode: 'ERR_INVALID_URL', errorMessage: 'the endpoint URL is not a valid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { errorCode: 'ERR_INVALID_PROTOCOL', errorMessage: `unsupported protocol ${url.protocol}` };
  }
  return url;
}

/** URL keeps the brackets of an IPv6 literal; sockets want the bare address. */
export function hostnameOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/** A lookup that answers with the address resolved before the burst, without a thread-pool trip. */
function fixedLookup(host: HostAddress): LookupFunction {
  const all = [{ address: host.address, family: host.family }];
  return (_hostname, options, callback) => {
    if (options.all === true) callback(null, all);
    else callback(null, host.address, host.family);
  };
}
