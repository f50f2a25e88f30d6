export { createAgentPool, type AgentPool, type AgentPoolOptions } from './agents.js';
export { BUILD_LEAD_MS, createBuildGate, type BuildGate } from './build-gate.js';
export {
  burstSpreads,
  dispatchBurst,
  prepareBurst,
  type BurstOutcome,
  type DispatchContext,
  type PreparedBurst,
  type PrepareOptions,
} from './burst.js';
export { calibrate, type CalibrationOptions, type CalibrationProbe, type CalibrationSample } from './calibrate.js';
export { httpCalibrationProbe, type CalibrationTarget } from './calibration-probe.js';
export { createRunClock, type RunClock } from './clock.js';
export { ABORTED, BODY_TOO_LARGE, MAX_BODY_BYTES, TIMEOUT, type ProbeOutcome } from './outcome.js';
export { probe } from './probe.js';
export { measurementUrl, payloadOfSize, type ProbeRequest } from './probe-request.js';
export { toRequestRecord, type RecordBurst, type RecordContext, type RecordEndpoint } from './record.js';
export { systemResolver, type HostAddress, type HostResolver } from './resolve-host.js';
export { holdQuiet, MAX_HOLD_MS, QUIET_LEAD_MS, whenQuiet } from './quiet.js';
export { waitUntil } from './wait.js';
