import http from 'node:http';
import https from 'node:https';
import type { ConnectionMode } from '../../experiments/schema/index.js';

/**
 * Who owns the sockets. `fresh`: one agent per protocol that never keeps a socket
 * (keepAlive false with maxSockets Infinity also makes Node send `Connection: close`) nor a TLS
 * session, so every request pays TCP and TLS set-up as a first-time client does. `keep-alive`:
 * one agent per endpoint origin, kept for the whole run, so later bursts reuse earlier sockets.
 */
export interface AgentPool {
  agentFor(url: URL, mode: ConnectionMode): http.Agent;
  /** Closes every socket the pool holds; call once the run is over. */
  destroy(): void;
}

export interface AgentPoolOptions {
  /** Certificates to trust instead of Node's root store (tests, private endpoints). */
  readonly ca?: string | Buffer;
}

export function createAgentPool(options: AgentPoolOptions = {}): AgentPool {
  const trust = options.ca === undefined ? {} : { ca: options.ca };
  const freshHttp = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const freshHttps = new https.Agent({ keepAlive: false, maxSockets: Infinity, maxCachedSessions: 0, ...trust });
  const kept = new Map<string, http.Agent>();
  const isHttps = (url: URL) => url.protocol === 'https:';

  return {
    agentFor(url, mode) {
      if (mode === 'fresh') return isHttps(url) ? freshHttps : freshHttp;
      let agent = kept.get(url.origin);
      if (agent === undefined) {
        agent = isHttps(url)
          ? new https.Agent({ keepAlive: true, maxSockets: Infinity, ...trust })
          : new http.Agent({ keepAlive: true, maxSockets: Infinity });
        kept.set(url.origin, agent);
      }
      return agent;
    },
    destroy() {
      freshHttp.destroy();
      freshHttps.destroy();
      for (const agent of kept.values()) agent.destroy();
      kept.clear();
    },
  };
}
