export { LATENCY_COLUMNS, REQUEST_CLASSES, type ClassSource, type ErrorCode, type RequestClass, type RequestRecord } from './request-record.js';
export { escapeFormulaText, formatLatencyRow, formatMs, LATENCY_HEADERS, parseLatencyRow, unescapeFormulaText } from './latency-cells.js';
export { parseLatencyCsv, readLatencyCsv } from './read-latency-csv.js';
export { writeFileAtomic } from './atomic-write.js';
export { createRunFolder, experimentSlug, runIdFor, type RunFolder } from './run-folder.js';
export {
  RESOLVED_FILE_NAME,
  RESOLVED_FORMAT_VERSION,
  resolvedExperimentDocument,
  writeResolvedExperiment,
  type ResolvedFileState,
  type ResolvedFileStatus,
  type RunProgressCounts,
} from './resolved-file.js';
export {
  HEARTBEAT_EVERY_MS,
  HEARTBEAT_STALE_MS,
  isPidAlive,
  readRunLiveness,
  readRunStatusFile,
  runLiveness,
  STATUS_FILE_NAME,
  type Liveness,
  type ObservedRunStatus,
  type RunStatusDocument,
} from './run-status.js';
