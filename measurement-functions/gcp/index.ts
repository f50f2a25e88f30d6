import * as functions from '@google-cloud/functions-framework';
import { configFromEnv, createMeasurementInstance } from '../core/index.js';
import { coreRequestOf } from './core-request.js';
import { ENTRY_POINT } from './entry-point.js';

/*
 * The measurement function on Google Cloud Run functions (Node.js runtimes), registered with the
 * Functions Framework under the deployment's entry point. Vendor, region, runtime and limits
 * come from the FAASBENCH_* environment the deployment sets.
 */

const config = configFromEnv(process.env);
// Made at module load, the module's last step before it registers: the framework loads this module
// once per instance, before it listens, so the id marks exactly one Cloud Run instance.
// instanceStartedAt is the framework process's start (performance.timeOrigin), initEndedAt now.
// Cloud Run routes the first request once the container listens on its port, so an on-demand cold
// start shows a short gap between the two; min-instances and idle instances kept ahead of traffic
// show a long one.
const instance = createMeasurementInstance();

functions.http(ENTRY_POINT, async (req, res) => {
  const reply = instance.invoke(config, await coreRequestOf(req, config.token));
  res.status(reply.status).type('application/json').send(JSON.stringify(reply.body));
});
