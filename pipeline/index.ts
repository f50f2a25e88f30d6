/**
 * The unattended half of faasbench: one Pulumi stack per experiment (npm run pipeline), leftover
 * stacks (npm run sweep), and the workflows' logic (npm run ci). The entries are the *-main.ts
 * files next to this one.
 */
export { ciCli, touchedVendors, vendorFolders } from './ci/index.js';
export { pipelineCli, type PipelineIo } from './cli/index.js';
export { planUnits, type PipelineUnit, stackNameFrom } from './plan/index.js';
export { LiveStacks, runUnit, runUnits, type Stops, type UnitResult, type UnitStatus } from './run/index.js';
export { automationBackend, type PipelineStack, type StackBackend } from './stack/index.js';
export { formatSummary, PIPELINE_EXIT, pipelineExitStatus } from './summary/index.js';
export { sweep, sweepCli } from './sweep/index.js';
