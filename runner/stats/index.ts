export { quantileSorted, medianSorted, sortAscending, sortedCopy } from './quantile.js';
export {
  EXACT_RANKS_MAX_N,
  MEDIAN_CI_LEVEL,
  MEDIAN_CI_MIN_N,
  medianCi,
  medianCiRanks,
  N_TOO_SMALL,
  NORMAL_APPROXIMATION_NOTE,
  type MedianCi,
  type MedianCiRanks,
  type MedianCiResult,
} from './median-ci.js';
export { bucketRows, type Buckets } from './buckets.js';
export { PERCENTILES, summarize, summarizeSorted, type LatencySummary } from './summary.js';
export {
  compareFactorValues,
  MISSING_ERROR_CODE,
  MIXED_FACTORS,
  mixedFactorRows,
  statisticsRows,
  statisticsRowsBy,
  type FactorField,
  type FactorValue,
  type StatisticsClass,
  type StatisticsRow,
} from './group.js';
