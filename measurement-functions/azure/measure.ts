import { createMeasurementInstance } from '../core/index.js';
import { azureConfigFromEnv, createAzureHandler } from './handler.js';
import { appLoadStartedAtMs } from './load-start.js';

const config = azureConfigFromEnv(process.env);
// Made at module load: the Node worker loads the app's entry once per instance, so this marks
// exactly one Azure instance. instanceStartedAt is when the worker began loading the app, not the
// worker process's start, which can predate the app (see load-start.ts); initEndedAt is now. The
// worker indexes the app before the host dispatches the first invocation to it, so even an
// on-demand cold start shows some idle time between the two.
const instance = createMeasurementInstance({ loadStartedAt: appLoadStartedAtMs });

/** The handler of this instance, configured from the app settings. */
export const measure = createAzureHandler(instance, config);
