export { type AzureHandler, type AzureHop, azureConfigFromEnv, createAzureHandler } from './handler.js';
export { FUNCTION_NAME, ROUTE_PATH } from './route.js';
