export { azureCapabilities } from './capabilities.js';
export { deployAzure, MAX_CONSUMPTION_PLANS } from './deploy.js';
export { AzureMeasurementFunctions, MEASUREMENT_FUNCTIONS_TYPE } from './measurement-functions.js';
export { AZURE_RECIPE_ID, azurePackageRecipe } from './package-recipe.js';
export { AzureStackResources } from './stack-resources.js';
