import { type ChainConfig, chainConfigFromEnv, CHAIN_PAYLOAD_PARAM, type NextHop, nextHopFromEnv, serveHop, stampOf } from '../chain/index.js';
import {
  type CoreConfig,
  configFromEnv,
  createMeasurementInstance,
  type MeasurementInstance,
  SPIN_INCREMENTS_PARAM,
  SPIN_MS_PARAM,
  systemClock,
  TOKEN_HEADER,
  tokenMatches,
} from '../core/index.js';
import { r2StoreFromEnv } from '../storage/r2.js';
import type { TransferStore } from '../storage/transfer-store.js';

/**
 * The Worker's bindings: FAASBENCH_* as plain_text and FAASBENCH_TOKEN as secret_text, both
 * strings on `env`. A chain's Workers also get the NEXT_HOP service binding (all but the last)
 * and, on storage chains, the TRANSFER_BUCKET R2 binding: objects, not strings.
 */
export type WorkerEnv = Readonly<Record<string, unknown>>;

/** The Cloudflare request properties the adapter reads; absent outside Cloudflare's edge. */
interface IncomingProperties {
  /** IATA code of the data centre (colo) serving this request, e.g. "AMS". */
  readonly colo?: string;
}
type WorkerRequest = Request & { readonly cf?: IncomingProperties };

export interface MeasurementWorker {
  fetch(request: WorkerRequest, env: WorkerEnv): Promise<Response>;
}

/**
 * The measurement function as a module-syntax Worker. The instance lives in module scope, one per
 * isolate, but is made when the isolate receives its first request (accepted or refused) rather
 * than at load: workerd refuses to generate random values (the instance id) in global scope, and
 * its clock is no help there either (performance.timeOrigin is 0, and deployed, Date.now() is the
 * time of the last I/O, https://developers.cloudflare.com/workers/runtime-apis/web-standards/).
 * So instanceStartedAt is the arrival of the isolate's first request and initEndedAt is null: the
 * runner cannot tell an isolate Cloudflare warmed ahead (e.g. during the TLS handshake) from a
 * cold one, and classes every first request `cold`.
 */
export function createWorker(extraHeaders: Readonly<Record<string, string>> = {}): MeasurementWorker {
  let instance: MeasurementInstance | undefined;
  let isolateConfig: CoreConfig | undefined;
  // undefined until the isolate's first request; null for a Worker that is no hop of a chain.
  let hop: { chain: ChainConfig; next: NextHop | null } | null | undefined;
  let store: TransferStore | undefined;

  return {
    async fetch(request, env) {
      // The hop's receivedAt. workerd's clock moves only across I/O, so this is the request's arrival.
      const receivedAt = stampOf(systemClock);
      // Bindings are fixed per script version, so one isolate reads them once. Deployed workerd
      // does not advance Date.now() or performance.now() while code runs (a Spectre
      // mitigation), so a spin cannot be timed from inside: clockAdvances false.
      isolateConfig ??= configFromEnv(textSettings(env), { clockAdvances: false });
      if (hop === undefined) {
        const chain = chainConfigFromEnv(env);
        // The next hop is the NEXT_HOP service binding: Workers cannot fetch each other by URL.
        hop = chain === null ? null : { chain, next: chain.hasNext ? nextHopFromEnv(env) : null };
      }
      // Deployed, workerd's timeOrigin is 0 (no process start to give); under Node it is not, so
      // the instance's start is set to now explicitly.
      instance ??= createMeasurementInstance({ loadStartedAt: systemClock.epochMs(), initEndKnown: false });
      // The colo is where this request ran; FAASBENCH_REGION ("global") only when there is none.
      const config = { ...isolateConfig, region: request.cf?.colo ?? isolateConfig.region };

      const token = request.headers.get(TOKEN_HEADER) ?? undefined;
      // The core refuses a wrong token before any work; checking here too spares reading the
      // body of a request that will be refused anyway.
      const payloadBytes = tokenMatches(config.token, token) ? await countBodyBytes(request, config.maxPayloadBytes) : 0;
      const bodyReadAt = stampOf(systemClock);
      const query = new URL(request.url).searchParams;
      const coreRequest = {
        token,
        spinIncrements: query.get(SPIN_INCREMENTS_PARAM) ?? undefined,
        spinMs: query.get(SPIN_MS_PARAM) ?? undefined,
        payloadBytes,
        requestId: request.headers.get('cf-ray'),
      };
      const reply =
        hop === null
          ? instance.invoke(config, coreRequest)
          : await serveHop(
              instance,
              config,
              hop.chain,
              coreRequest,
              { queryPayloadBytes: query.get(CHAIN_PAYLOAD_PARAM) ?? undefined, header: (name) => request.headers.get(name) ?? undefined, receivedAt, bodyReadAt },
              // The bucket is the TRANSFER_BUCKET binding, bound to storage chains' Workers only.
              { clock: systemClock, store: () => (store ??= r2StoreFromEnv(env, systemClock)), next: hop.next },
            );
      return new Response(JSON.stringify(reply.body), {
        status: reply.status,
        headers: { 'content-type': 'application/json', ...extraHeaders },
      });
    },
  };
}

/** The string bindings (settings and token); service and R2 bindings are objects and left out. */
function textSettings(env: WorkerEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/**
 * Bytes of the request body, counted as they stream in and never held. Stops reading once past
 * `limitBytes`: the core then refuses the request (413) whatever the rest would have added.
 */
async function countBodyBytes(request: Request, limitBytes: number): Promise<number> {
  if (request.body === null) return 0;
  const reader = request.body.getReader();
  let bytes = 0;
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) return bytes;
    bytes += chunk.value.byteLength;
    if (bytes > limitBytes) {
      await reader.cancel();
      return bytes;
    }
  }
}
