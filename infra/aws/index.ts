/**
 * AWS Lambda: one function per replica behind a public Function URL, packages over the direct
 * upload limit through one S3 object each, everything in the configured region. Chains: one
 * function per hop, each calling the next over its Function URL; storage chains through one
 * transfer bucket only their own role may use.
 */
export { awsCapabilities } from './capabilities.js';
export { DIRECT_UPLOAD_MAX_BYTES, type UploadRoute, uploadRoute } from './code-packages.js';
export { deployAws } from './deploy.js';
export { LOG_RETENTION_DAYS, TIMEOUT_MARGIN_MS, timeoutSeconds } from './function-settings.js';
export { MeasurementFunctions, type MeasurementFunctionsArgs } from './measurement-functions.js';
export { nodeRecipe, pythonRecipe } from './recipes.js';
export { LAMBDA_RUNTIMES, type LambdaRuntime, lambdaRuntime } from './runtimes.js';
export { AwsStackResources, type AwsStackResourcesArgs } from './stack-resources.js';
export { type AwsTransferStore, TRANSFER_EXPIRY_DAYS, transferAccessPolicy } from './transfer-store.js';
