export { formatDuration, parseDurationMs } from './duration.js';
export { settingsForFile, settingsFromEnv, settingsFromOptions, STACK_CONFIG_ENV, stackConfigFor, type StackSettings, type VendorSettings } from './stack-config.js';
export { DEFAULT_STACK_NAME_TEMPLATE, localRunId, MAX_STACK_NAME_LENGTH, PLACEHOLDERS, stackNameFrom } from './stack-names.js';
export { parseShard, type PipelineUnit, planUnits, type Shard, unitExperimentFile, unitsOfShard } from './units.js';
