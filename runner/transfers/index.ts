export { type ChainRecord, chainRequestUrl, withChainBody } from './chain-record.js';
export { type ChainRequest, hopRows } from './hop-rows.js';
export { type HopAnswer, hopAnswers, parseBody } from './hop-reports.js';
export { formatTransferRow, parseTransferRow } from './transfer-cells.js';
export { TRANSFER_COLUMNS, TRANSFER_HEADERS, type TransferRow } from './transfer-row.js';
export { createTransfersCsvWriter, type TransfersCsvOptions, TRANSFERS_FILE_NAME, type TransfersCsvWriter } from './transfers-csv.js';
export { readTransferRows } from './read-transfers-csv.js';
export { type TransferPlotDatum, transferPlotData, transferPlotSpec } from './transfer-plot.js';
export { buildTransferReport, TRANSFER_STATISTICS_CSV, TRANSFER_STATISTICS_JSON, type TransferReport } from './transfer-report.js';
export { TRANSFER_STATISTICS_COLUMNS, TransferStatistics, type TransferStatisticsRow } from './transfer-statistics.js';
export {
  chainRequestKey,
  chainRequestPicker,
  type ChainRequestRow,
  HOP_ROWS_LOST,
  HOP_ROWS_LOST_MESSAGE,
  repairTransfersCsv,
  type TransfersRepair,
} from './repair-transfers-csv.js';
