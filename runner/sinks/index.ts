export { createLatencyCsvWriter, LATENCY_FILE_NAME, type LatencyCsvOptions, type LatencyCsvWriter } from './latency-csv.js';
export { createRunLog, RUN_LOG_FILE_NAME, type RunLog, type RunLogOptions } from './run-log.js';
export { createProgress, MAX_UPDATES_PER_SECOND } from './progress.js';
export { compactDuration, etaMs, progressLine, scheduleOffsetMs, type ProgressCounts, type ScheduleAnchor } from './progress-line.js';
export {
  STATISTICS_COLUMNS,
  STATISTICS_CSV_FILE_NAME,
  STATISTICS_FORMAT_VERSION,
  STATISTICS_JSON_FILE_NAME,
  statisticsCsv,
  statisticsJson,
  writeStatistics,
} from './statistics-file.js';
export { createResolvedExperimentWriter, MISSING_RUN_END_REASON, type ResolvedCarryOver, type ResolvedExperimentWriter } from './resolved-experiment.js';
