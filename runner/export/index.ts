export {
  requestIdOf,
  STELLAR_HEADER,
  stellarCsv,
  stellarRow,
  stellarRows,
  splitBySubExperiment,
  writeStellarCsv,
} from './stellar-csv.js';
export { rfc3339Micros } from './rfc3339.js';
export { STELLAR_FOLDER, type StellarExportFile, writeStellarExport } from './stellar-export.js';
