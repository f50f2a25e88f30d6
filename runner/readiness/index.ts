export {
  type AttemptOutcome,
  backoffDelayMs,
  DEFAULT_READINESS_POLICY,
  type FailedAttempt,
  formatSeconds,
  nextStep,
  type NextStep,
  type ReadinessPolicy,
} from './backoff.js';
export { classifyAnswer, classifyError, NOT_CONTRACT_CODE, NOT_READY_ERROR_CODES, NOT_READY_STATUSES } from './classify.js';
export { pollEndpoint, type PollOptions, type PollResult } from './poll-endpoint.js';
export {
  type EndpointReadiness,
  type ReadinessLogger,
  type ReadinessReport,
  waitForEndpoints,
  type WaitOptions,
} from './wait-for-endpoints.js';
export { parseWaitReady, readyBeforeStudy } from './before-study.js';
