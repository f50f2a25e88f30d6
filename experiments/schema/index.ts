export { ExperimentInput, type IatInput, type SubExperimentInput } from './input.js';
export { loadExperimentFile, parseExperimentText, formatPath, type LoadOptions } from './load.js';
export type {
  AddressFamilyMode,
  ConnectionMode,
  ResolvedExperiment,
  ResolvedIat,
  ResolvedLocalPlatform,
  ResolvedPrewarm,
  ResolvedSubExperiment,
} from './resolved.js';
export { DEFAULTS, resolveExperiment, type FieldProblem } from './resolve.js';
export { convertStellar, looksLikeStellar, parseGoDurationMs, StellarExperiment } from './stellar.js';
export { slugify } from './slug.js';
export { UserError } from './user-error.js';
