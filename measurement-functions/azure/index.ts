export { type AzureHandler, azureConfigFromEnv, createAzureHandler } from './handler.js';
export { FUNCTION_NAME, ROUTE_PATH } from './route.js';
