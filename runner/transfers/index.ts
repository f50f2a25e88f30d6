export { type ChainRecord, chainRequestUrl, withChainBody } from './chain-record.js';
export { type ChainRequest, hopRows } from './hop-rows.js';
export { type HopAnswer, hopAnswers, parseBody } from './hop-reports.js';
export { formatTransferRow, parseTransferRow } from './transfer-cells.js';
export { TRANSFER_COLUMNS, TRANSFER_HEADERS, type TransferRow } from './transfer-row.js';
export { createTransfersCsvWriter, TRANSFERS_FILE_NAME, type TransfersCsvWriter } from './transfers-csv.js';
