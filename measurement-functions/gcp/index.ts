import * as functions from '@google-cloud/functions-framework';
import { configFromEnv, createMeasurementInstance } from '../core/index.js';
import { coreRequestOf } from './core-request.js';
import { ENTRY_POINT } from './entry-point.js';

/*
 * The measurement function on Google Cloud Run functions (Node.js runtimes), registered with the
 * Functions Framework under the deployment's entry point. Vendor, region, runtime and limits
 * come from the FAASBENCH_* environment the deployment sets.
 */

// Made at module load: the framework loads this module once per instance, before it listens,
// so the instance id and start time mark exactly one Cloud Run instance.
const instance = createMeasurementInstance();
const config = configFromEnv(process.env);

functions.http(ENTRY_POINT, async (req, res) => {
  const reply = instance.invoke(config, await coreRequestOf(req));
  res.status(reply.status).type('application/json').send(JSON.stringify(reply.body));
});
