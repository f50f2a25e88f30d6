import { configFromEnv, createMeasurementInstance } from '../core/index.js';
import { type FunctionUrlEvent, type FunctionUrlResult, type LambdaContext, toCoreRequest } from './function-url-event.js';

// AWS_REGION is set by Lambda itself, so it names the region the code really runs in.
const config = configFromEnv(process.env, { region: process.env['AWS_REGION'] || undefined });
// Made at module load, which Lambda does once per execution environment, as the module's last
// step: instanceStartedAt is the runtime process's start (performance.timeOrigin: Lambda starts
// the Node runtime in the environment's Init phase) and initEndedAt is now. Lambda may run Init
// well before the first request arrives ("pre-initialised"); the gap tells the runner so.
const instance = createMeasurementInstance();

/**
 * Lambda handler (`index.handler`) behind a Function URL. Async because the nodejs24.x runtime
 * no longer accepts callback-style handlers; the spin itself is synchronous.
 */
export async function handler(event: FunctionUrlEvent, context: LambdaContext): Promise<FunctionUrlResult> {
  const reply = instance.invoke(config, toCoreRequest(event, context));
  return { statusCode: reply.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(reply.body) };
}
