export { ExperimentInput, type IatInput, type KeepAliveInput, type SubExperimentInput } from './input.js';
export { loadExperimentFile, parseExperimentText, formatPath, type LoadOptions } from './load.js';
export {
  CHAIN_TRANSFERS,
  type ChainTransfer,
  chainRuntimeSupported,
  MAX_CHAIN_LENGTH,
  MIN_CHAIN_LENGTH,
  storagePayloadLimit,
} from './chain.js';
export type {
  AddressFamilyMode,
  ConnectionMode,
  ResolvedChain,
  ResolvedExperiment,
  ResolvedIat,
  ResolvedKeepAliveIdle,
  ResolvedKeepAliveStudy,
  ResolvedLocalPlatform,
  ResolvedPrewarm,
  ResolvedSubExperiment,
} from './resolved.js';
export { DEFAULTS, resolveExperiment, type FieldProblem } from './resolve.js';
export { convertStellar, looksLikeStellar, parseGoDurationMs, StellarExperiment } from './stellar.js';
export { slugify } from './slug.js';
export { UserError } from './user-error.js';
export { humanDuration, expandKeepAlive, type KeepAliveExpansion } from './keep-alive.js';
export {
  DEFAULT_MAX_REPLICAS,
  type KeepAliveIdlePlan,
  type KeepAliveStudyInput,
  type KeepAliveStudyPlan,
  keepAliveTitle,
  planKeepAliveIdle,
  planKeepAliveStudy,
} from './keep-alive-plan.js';
