export { localCapabilities } from './capabilities.js';
export { deployExperimentLocally, type LocalDeployOptions } from './deploy.js';
export { localFunctionName, slugify } from './function-names.js';
export { LocalPlatform } from './local-platform.js';
export { localNodeRecipe, localRecipeFor } from './package-recipe.js';
export { type LocalPlatformHandle, startLocalPlatformProcess } from './platform-process.js';
export {
  functionUrl,
  type LocalFunctionSpec,
  type LocalPlatformEnd,
  type LocalPrewarm,
  type LocalPlatformApi,
  type LocalPlatformOptions,
  type LocalPlatformStats,
} from './platform-types.js';
export { startLocalPlatform } from './start-local-platform.js';
