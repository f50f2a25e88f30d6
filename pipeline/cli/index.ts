export { PIPELINE_USAGE, type PipelineArgs, parsePipelineArgs } from './pipeline-args.js';
export { pipelineCli, type PipelineIo } from './pipeline-cli.js';
