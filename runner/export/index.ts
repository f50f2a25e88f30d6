export {
  requestIdOf,
  STELLAR_HEADER,
  stellarCsv,
  stellarRows,
  splitBySubExperiment,
  writeStellarCsv,
} from './stellar-csv.js';
export { rfc3339Micros } from './rfc3339.js';
