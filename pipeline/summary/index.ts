export { PIPELINE_EXIT, pipelineExitStatus } from './exit-status.js';
export { COMMENT_MARKER, summaryJson, summaryMarkdown } from './summary-markdown.js';
export { displayPath, formatSummary, readinessText, SUMMARY_HEADERS, summaryCells } from './summary-table.js';
