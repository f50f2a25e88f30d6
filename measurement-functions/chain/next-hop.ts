import { CHAIN_ENV, NEXT_HOP_BINDING } from './chain-env.js';

/**
 * How a hop reaches the next one. Only the deployment says where: a fetch to the URL in the
 * function's own settings (AWS, Azure, Google, local), or the service binding Cloudflare gives
 * the Worker. Nothing in a request can change it.
 */
export interface NextHop {
  /** POSTs to the next hop; resolves with its status and whole body once read, rejects on transport errors. */
  call(headers: Readonly<Record<string, string>>, body: Uint8Array | null, signal: AbortSignal): Promise<{ status: number; text: string }>;
}

/** Over the next function's HTTPS endpoint (a fetch per call; fetch keeps connections alive per instance). */
export function fetchNextHop(url: string): NextHop {
  return {
    async call(headers, body, signal) {
      const response = await fetch(url, { method: 'POST', headers, body: body === null ? null : (body as Uint8Array<ArrayBuffer>), signal });
      return { status: response.status, text: await response.text() };
    },
  };
}

/** The part of a Workers service binding (Fetcher) a hop calls. */
export interface ServiceBinding {
  fetch(input: string, init: { method: string; headers: Readonly<Record<string, string>>; body: Uint8Array | null; signal: AbortSignal }): Promise<Response>;
}

/**
 * Through a service binding: the request goes straight to the bound Worker, never over the
 * Internet, and its URL is only a placeholder (the binding decides where it goes).
 */
export function serviceBindingNextHop(binding: ServiceBinding): NextHop {
  return {
    async call(headers, body, signal) {
      const response = await binding.fetch('https://next-hop.invalid/', { method: 'POST', headers, body, signal });
      return { status: response.status, text: await response.text() };
    },
  };
}

/** The next hop this function's environment names, or null (the last hop). */
export function nextHopFromEnv(env: Readonly<Record<string, unknown>>): NextHop | null {
  const binding = env[NEXT_HOP_BINDING] as Partial<ServiceBinding> | undefined;
  if (typeof binding?.fetch === 'function') return serviceBindingNextHop(binding as ServiceBinding);
  const url = env[CHAIN_ENV.nextHopUrl];
  return typeof url === 'string' && url !== '' ? fetchNextHop(url) : null;
}
