import { createMeasurementInstance } from '../core/index.js';
import { azureConfigFromEnv, createAzureHandler } from './handler.js';

// Made at module load: the Node worker loads the app's entry once per instance, so this marks
// exactly one Azure instance and its first invocation is the cold start.
const instance = createMeasurementInstance();

/** The handler of this instance, configured from the app settings. */
export const measure = createAzureHandler(instance, azureConfigFromEnv(process.env));
