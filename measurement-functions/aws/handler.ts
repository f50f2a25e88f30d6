import { chainConfigFromEnv, CHAIN_PAYLOAD_PARAM, nextHopFromEnv, serveHop, stampOf } from '../chain/index.js';
import { configFromEnv, createMeasurementInstance, systemClock } from '../core/index.js';
import type { TransferStore } from '../storage/transfer-store.js';
import { type FunctionUrlEvent, type FunctionUrlResult, type LambdaContext, toCoreRequest } from './function-url-event.js';
import { S3_STORE_MODULE, type S3StoreModule } from './s3-store-module.js';

// AWS_REGION is set by Lambda itself, so it names the region the code really runs in.
const config = configFromEnv(process.env, { region: process.env['AWS_REGION'] || undefined });
// Set only on the functions of a chain; the next hop is the next function's Function URL from the
// stack, never an address from a request.
const chain = chainConfigFromEnv(process.env);
const next = chain?.hasNext === true ? nextHopFromEnv(process.env) : null;
// Only a storage chain's hops load the S3 client, and with it the AWS SDK the runtime ships: it is
// a file of its own in the package, loaded here during Init (top-level await), so neither a plain
// function's nor an inline hop's cold start pays for the SDK, and no request does.
const s3: S3StoreModule | null = chain?.transfer === 'storage' ? ((await import(S3_STORE_MODULE)) as S3StoreModule) : null;
let store: TransferStore | undefined;
// Made at module load, which Lambda does once per execution environment, as the module's last
// step: instanceStartedAt is the runtime process's start (performance.timeOrigin: Lambda starts
// the Node runtime in the environment's Init phase) and initEndedAt is now. Lambda may run Init
// well before the first request arrives ("pre-initialised"); the gap tells the runner so.
const instance = createMeasurementInstance();

/**
 * Lambda handler (`index.handler`) behind a Function URL. Async because the nodejs24.x runtime
 * no longer accepts callback-style handlers; the spin itself is synchronous. Lambda hands over the
 * whole body inside the event, so a hop's payload is read by the time the handler starts.
 */
export async function handler(event: FunctionUrlEvent, context: LambdaContext): Promise<FunctionUrlResult> {
  const receivedAt = stampOf(systemClock);
  const request = toCoreRequest(event, context);
  const reply =
    chain === null
      ? instance.invoke(config, request)
      : await serveHop(
          instance,
          config,
          chain,
          request,
          { queryPayloadBytes: event.queryStringParameters?.[CHAIN_PAYLOAD_PARAM], header: (name) => event.headers?.[name], receivedAt, bodyReadAt: receivedAt },
          { clock: systemClock, store: () => (store ??= storeFromEnv()), next },
        );
  return { statusCode: reply.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(reply.body) };
}

function storeFromEnv(): TransferStore {
  if (s3 === null) throw new Error('faasbench function: this hop has no object store (its chain passes payloads inline)');
  return s3.s3StoreFromEnv(process.env);
}
