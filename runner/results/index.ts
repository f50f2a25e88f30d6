export { LATENCY_COLUMNS, REQUEST_CLASSES, type ClassSource, type ErrorCode, type RequestClass, type RequestRecord } from './request-record.js';
export { escapeFormulaText, formatLatencyRow, formatMs, LATENCY_HEADERS, parseLatencyRow, unescapeFormulaText } from './latency-cells.js';
export { LatencyCsvParser, parseLatencyCsv, readLatencyCsv, readLatencyRecords, type ReadOptions, type RecordVisitor } from './read-latency-csv.js';
export { CsvQuoteError, CsvRowSplitter } from './csv-rows.js';
export { COMPLETE_ROWS_CHUNK_BYTES, CompleteRowsScanner, completeRowsPrefix, cutToCompleteRows, scanCompleteRows } from './complete-rows.js';
export {
  classOfCode,
  LatencyTableBuilder,
  REPORTED_FIELDS,
  TABLE_FACTOR_FIELDS,
  tableOf,
  type FactorColumn,
  type FactorField,
  type FactorValue,
  type LatencyTable,
  type ReportedField,
  type RequestInput,
  type TableSubExperiment,
} from './latency-table.js';
export { readLatencyTable } from './read-latency-table.js';
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
