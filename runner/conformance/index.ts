export { CALIBRATION_TOLERANCE, type Check, type CheckContext, type CheckResult, CHECKS, type CheckStatus, DESIRED_MS, type Expectations } from './checks/index.js';
export { CONFORMANCE_USAGE, conformanceCli, type ConformanceIo } from './conformance-cli.js';
export { contractProblem, type LooseResponse, readLoose, StrictMeasurementResponse } from './contract-schema.js';
export { type Answer, conformanceClient, describeAnswer, type Send } from './http.js';
export { type ConformanceReport, type ConformanceTarget, type EndpointConformance, runConformance, vendorExpectations } from './run-conformance.js';
export { conformanceJson, conformanceMarkdown, conformanceText } from './table.js';
