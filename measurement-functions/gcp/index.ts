import * as functions from '@google-cloud/functions-framework';
import { chainConfigFromEnv, CHAIN_PAYLOAD_PARAM, nextHopFromEnv, serveHop, stampOf } from '../chain/index.js';
import { configFromEnv, createMeasurementInstance, systemClock } from '../core/index.js';
import type { TransferStore } from '../storage/transfer-store.js';
import { coreRequestOf, firstString } from './core-request.js';
import { ENTRY_POINT } from './entry-point.js';
import { gcpTransferStore } from './transfer-store.js';

/*
 * The measurement function on Google Cloud Run functions (Node.js runtimes), registered with the
 * Functions Framework under the deployment's entry point. Vendor, region, runtime and limits
 * come from the FAASBENCH_* environment the deployment sets.
 */

const config = configFromEnv(process.env);
// Set only on the functions of a chain: the next hop is the next function's URL from the stack,
// never an address from a request; storage hops alone get a bucket (and may use it).
const chain = chainConfigFromEnv(process.env);
const next = chain?.hasNext === true ? nextHopFromEnv(process.env) : null;
let store: TransferStore | undefined;
// Made at module load, the module's last step before it registers: the framework loads this module
// once per instance, before it listens, so the id marks exactly one Cloud Run instance.
// instanceStartedAt is the framework process's start (performance.timeOrigin), initEndedAt now.
// Cloud Run routes the first request once the container listens on its port, so an on-demand cold
// start shows a short gap between the two; min-instances and idle instances kept ahead of traffic
// show a long one.
const instance = createMeasurementInstance();

functions.http(ENTRY_POINT, async (req, res) => {
  // The framework's parsers have read a body with a content type (an inline hop's payload) by now;
  // one without is read by coreRequestOf, so the payload is ready after it.
  const receivedAt = stampOf(systemClock);
  const request = await coreRequestOf(req, config.token);
  const bodyReadAt = stampOf(systemClock);
  const reply =
    chain === null
      ? instance.invoke(config, request)
      : await serveHop(
          instance,
          config,
          chain,
          request,
          { queryPayloadBytes: firstString(req.query[CHAIN_PAYLOAD_PARAM]), header: (name) => req.get(name), receivedAt, bodyReadAt },
          { clock: systemClock, store: () => (store ??= gcpTransferStore(process.env)), next },
        );
  res.status(reply.status).type('application/json').send(JSON.stringify(reply.body));
});
