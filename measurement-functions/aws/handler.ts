import { configFromEnv, createMeasurementInstance } from '../core/index.js';
import { type FunctionUrlEvent, type FunctionUrlResult, type LambdaContext, toCoreRequest } from './function-url-event.js';

// Made at module load, which Lambda does once per execution environment: the first invocation
// this instance serves is the environment's cold start.
const instance = createMeasurementInstance();
// AWS_REGION is set by Lambda itself, so it names the region the code really runs in.
const config = configFromEnv(process.env, { region: process.env['AWS_REGION'] || undefined });

/**
 * Lambda handler (`index.handler`) behind a Function URL. Async because the nodejs24.x runtime
 * no longer accepts callback-style handlers; the spin itself is synchronous.
 */
export async function handler(event: FunctionUrlEvent, context: LambdaContext): Promise<FunctionUrlResult> {
  const reply = instance.invoke(config, toCoreRequest(event, context));
  return { statusCode: reply.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(reply.body) };
}
