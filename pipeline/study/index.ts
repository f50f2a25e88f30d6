export { type BenchProcessOptions, type BenchProcessResult, runBenchProcess } from './bench-process.js';
export { readStudyOutcome, readStudyOutcomes, type ReadinessLine, type StatisticsLine, type StudyOutcome } from './read-run.js';
export { conformanceStep } from './conformance-step.js';
