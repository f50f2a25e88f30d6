export { azureCapabilities, CONSUMPTION_MEMORY_MB, FLEX_MEMORY_MB } from './capabilities.js';
export { deployAzure } from './deploy.js';
export { AzureMeasurementFunctions, MEASUREMENT_FUNCTIONS_TYPE } from './measurement-functions.js';
export { AZURE_RECIPE_ID, azurePackageRecipe } from './package-recipe.js';
export { checkSubExperimentOnPlan, CONSUMPTION_APPS_PER_PLAN, flexScale, type FlexScale } from './plans.js';
export { TRANSFER_CONTAINER, TRANSFER_EXPIRY_DAYS, TRANSFER_SAS_PERMISSIONS, type TransferContainer } from './transfer-container.js';
export { AzureStackResources } from './stack-resources.js';
export { SyncTriggers, syncTriggersProvider } from './sync-triggers.js';
export { ARM_ENDPOINT, DEFAULT_SYNC_OPTIONS, SYNC_API_VERSION, syncFunctionTriggers } from './arm-sync.js';
