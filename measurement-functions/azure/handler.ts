import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import {
  configFromEnv,
  type CoreConfig,
  type MeasurementInstance,
  SPIN_INCREMENTS_PARAM,
  SPIN_MS_PARAM,
  TOKEN_HEADER,
  tokenMatches,
} from '../core/index.js';

export type AzureHandler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

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
 */
export function createAzureHandler(instance: MeasurementInstance, config: CoreConfig): AzureHandler {
  return async (request, context) => {
    const token = request.headers.get(TOKEN_HEADER) ?? undefined;
    const payloadBytes = tokenMatches(config.token, token) ? (await request.arrayBuffer()).byteLength : 0;
    const reply = instance.invoke(config, {
      token,
      spinIncrements: request.query.get(SPIN_INCREMENTS_PARAM) ?? undefined,
      spinMs: request.query.get(SPIN_MS_PARAM) ?? undefined,
      payloadBytes,
      requestId: context.invocationId,
    });
    // jsonBody makes the library serialise and set content-type: application/json.
    return { status: reply.status, jsonBody: reply.body, headers: { 'cache-control': 'no-store' } };
  };
}
