export { gcpCapabilities } from './capabilities.js';
export { deployGcp } from './deploy-gcp.js';
export { GcpFoundation, type DeployedPackage } from './foundation.js';
export { MeasurementFunctions } from './measurement-functions.js';
export { nodeRecipe, pythonRecipe } from './recipes.js';
export { gcpRuntime, type GcpRuntime } from './runtimes.js';
export { type GcpTransferStore, TRANSFER_EXPIRY_DAYS, TRANSFER_ROLE } from './transfer-store.js';
