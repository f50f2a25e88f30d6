export { type CoreClock, type SpanClock, systemClock } from './clock.js';
export { type CoreConfig, configFromEnv, ENV } from './config.js';
export {
  MAX_SPIN_INCREMENTS,
  type MeasurementRefusal,
  type MeasurementResponse,
  SPIN_INCREMENTS_PARAM,
  SPIN_MS_PARAM,
  TOKEN_HEADER,
} from './contract.js';
export { type CoreReply, type CoreRequest, createMeasurementInstance, type InstanceOptions, type MeasurementInstance } from './instance.js';
export { tokenMatches } from './token.js';
