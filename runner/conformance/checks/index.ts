import { calibrationCheck } from './calibration.js';
import type { Check } from './check.js';
import { coldFlagCheck } from './cold-flag.js';
import { contractCheck } from './contract.js';
import { identityCheck } from './identity.js';
import { instancesCheck, invocationCountCheck } from './instances.js';
import { payloadCheck } from './payload.js';
import { spinCapCheck } from './spin-cap.js';
import { timestampsCheck } from './timestamps.js';
import { tokenCheck } from './token.js';

export { type Check, type CheckContext, type CheckResult, type CheckStatus, type Expectations } from './check.js';
export { CALIBRATION_TOLERANCE, DESIRED_MS } from './calibration.js';

/**
 * Every check, in the order they run on an endpoint. The cold flag and the timestamps come last:
 * they also judge every response the others received.
 */
export const CHECKS: readonly Check[] = [
  contractCheck,
  identityCheck,
  instancesCheck,
  invocationCountCheck,
  tokenCheck,
  spinCapCheck,
  payloadCheck,
  calibrationCheck,
  coldFlagCheck,
  timestampsCheck,
];
