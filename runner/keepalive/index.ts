/**
 * The keep-alive curve, as pure functions: idle time per request, P(cold | idle time) with exact
 * binomial intervals, the idle time where it crosses 50%, and the curve of a run from its latency
 * table. The study shape that samples it is the schema's (experiments/schema/keep-alive-plan.ts).
 */
export { BINOMIAL_CI_LEVEL, type BinomialInterval, binomialCdf, clopperPearson } from './clopper-pearson.js';
export {
  type ColdProbabilityCurve,
  type ColdProbabilityPoint,
  coldProbabilityByIdle,
  type IdleGrouping,
  type KeepAliveSample,
} from './cold-probability.js';
export { type Crossing, estimateKeepAlive, KEEP_ALIVE_THRESHOLD, type KeepAliveEstimate } from './keep-alive-estimate.js';
export {
  idleBinEdges,
  type KeepAliveCurve,
  type KeepAliveCurveOptions,
  keepAliveCurve,
  type KeepAliveIdleRow,
  type KeepAliveNotSamples,
} from './table-curve.js';
