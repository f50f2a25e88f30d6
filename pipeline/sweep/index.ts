export { closedPrsFromGh, type RunCommand } from './closed-prs.js';
export { formatAge, parseClosedPrs, PREVIEW_STACK, previewStackName, selectLeftovers, type SweepDecision, type SweepRules } from './select-leftovers.js';
export { formatSweep, sweep, type SweepResult } from './sweep.js';
export { SWEEP_USAGE, sweepCli, type SweepIo } from './sweep-cli.js';
