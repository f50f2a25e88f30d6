/**
 * The record-based computations as they were before statistics, charts and the STeLLAR export went
 * columnar (commit 5920c7c), copied unchanged but for import paths: every RequestRecord an object,
 * the whole file one string. They are the oracle of tests/runner/report/columnar-equality.test.ts: the columnar code must
 * give exactly what these give, on the same requests. Not used by faasbench itself.
 */
export { mixedFactorRows, statisticsRows, statisticsRowsBy } from './group.js';
export { burstPoints } from './burst-series.js';
export { calibrationRows } from './calibration-rows.js';
export { cdfData, comparisonCdfData, histogramData, recordFacts, timelineData } from './plot-data.js';
export { detectSweepFactors } from './sweep-factor.js';
export { parseLatencyCsv, readLatencyCsv } from './read-latency-csv.js';
export { splitBySubExperiment, stellarCsv } from './stellar-csv.js';
