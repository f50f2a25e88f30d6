/**
 * The keep-alive curve, as pure functions: idle time per request, P(cold | idle time) with exact
 * binomial intervals, the idle time where it crosses 50%, and the study shape that samples it
 * within a wall-time budget.
 */
export { BINOMIAL_CI_LEVEL, type BinomialInterval, binomialCdf, clopperPearson } from './clopper-pearson.js';
export { idleSincePreviousMs, type ReplicaRequest } from './idle-times.js';
export {
  type ColdProbabilityCurve,
  type ColdProbabilityPoint,
  coldProbabilityByIdle,
  type IdleGrouping,
  type KeepAliveSample,
} from './cold-probability.js';
export { type Crossing, estimateKeepAlive, KEEP_ALIVE_THRESHOLD, type KeepAliveEstimate } from './keep-alive-estimate.js';
