export { automationBackend, type AutomationBackendOptions, cliProblem } from './automation-backend.js';
export { type PipelineStack, type StackBackend, StackExistsError, type StackListing, StackLockedError, StackMissingError } from './backend.js';
export { type DestroyOutcome, destroyAndRemove } from './destroy-stack.js';
