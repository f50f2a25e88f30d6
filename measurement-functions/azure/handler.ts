import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { type ChainConfig, CHAIN_PAYLOAD_PARAM, type NextHop, serveHop, stampOf } from '../chain/index.js';
import {
  configFromEnv,
  type CoreConfig,
  type MeasurementInstance,
  SPIN_INCREMENTS_PARAM,
  SPIN_MS_PARAM,
  type SpanClock,
  systemClock,
  TOKEN_HEADER,
  tokenMatches,
} from '../core/index.js';
import type { TransferStore } from '../storage/transfer-store.js';

export type AzureHandler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/** What makes an app one hop of a data-transfer chain (from its app settings, see measure.ts). */
export interface AzureHop {
  readonly chain: ChainConfig;
  /** The transfer container's store, made on first use (storage chains only). */
  readonly store: () => TransferStore;
  /** The next app's HTTPS endpoint, or null on the last hop. */
  readonly next: NextHop | null;
  readonly clock?: SpanClock;
}

/**
 * The function's settings from its app settings. Azure names the region an app really runs in
 * (REGION_NAME, e.g. "West Europe"); FAASBENCH_REGION, the location the deploy asked for, only
 * stands in where that is missing (a local Functions host).
 */
export function azureConfigFromEnv(env: Readonly<Record<string, string | undefined>>): CoreConfig {
  const regionName = env.REGION_NAME;
  return configFromEnv(env, regionName === undefined || regionName === '' ? {} : { region: regionName });
}

/**
 * The Node v4 programming model handler around one measurement instance. Only a caller with the
 * token gets its body read: a refused request costs the instance nothing, not even the upload.
 * An app wired as a chain hop (`hop`) serves the hop protocol; without chain fields a request to
 * it is still a plain measurement.
 */
export function createAzureHandler(instance: MeasurementInstance, config: CoreConfig, hop: AzureHop | null = null): AzureHandler {
  const clock = hop?.clock ?? systemClock;
  return async (request, context) => {
    // Before anything else: the hop's receivedAt (unused without a chain, and cheap).
    const receivedAt = stampOf(clock);
    const token = request.headers.get(TOKEN_HEADER) ?? undefined;
    const payloadBytes = tokenMatches(config.token, token) ? (await request.arrayBuffer()).byteLength : 0;
    const bodyReadAt = stampOf(clock);
    const coreRequest = {
      token,
      spinIncrements: request.query.get(SPIN_INCREMENTS_PARAM) ?? undefined,
      spinMs: request.query.get(SPIN_MS_PARAM) ?? undefined,
      payloadBytes,
      requestId: context.invocationId,
    };
    const reply =
      hop === null
        ? instance.invoke(config, coreRequest)
        : await serveHop(
            instance,
            config,
            hop.chain,
            coreRequest,
            {
              queryPayloadBytes: request.query.get(CHAIN_PAYLOAD_PARAM) ?? undefined,
              header: (name) => request.headers.get(name) ?? undefined,
              receivedAt,
              bodyReadAt,
            },
            { clock, store: hop.store, next: hop.next },
          );
    // jsonBody makes the library serialise and set content-type: application/json.
    return { status: reply.status, jsonBody: reply.body, headers: { 'cache-control': 'no-store' } };
  };
}
