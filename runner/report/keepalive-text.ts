import { humanDuration } from '../../experiments/schema/index.js';
import type { KeepAliveEstimate } from '../keepalive/index.js';
import { KEEP_ALIVE_CSV_FILE_NAME } from './keepalive-files.js';
import type { KeepAliveReport } from './keepalive-report.js';

/** The keep-alive estimate in words: the report's lead sentence and the console's line after a run. */

/** `keep-alive: <estimate sentence> [<ground truth>] (keep-alive.csv)`, for the console. */
export function keepAliveSummaryText(report: KeepAliveReport): string {
  const truth = report.configuredMs === null ? '' : ` ${groundTruthSentence(report.curve.estimate, report.configuredMs)}`;
  return `keep-alive: ${estimateSentence(report.curve.estimate)}${truth} (${KEEP_ALIVE_CSV_FILE_NAME})`;
}

export function estimateSentence(estimate: KeepAliveEstimate): string {
  switch (estimate.kind) {
    case 'crossed':
      return `Estimated keep-alive: about ${humanDuration(estimate.estimateMs)}, where P(cold) crosses 50% between ${humanDuration(estimate.bracketMs[0])} and ${humanDuration(estimate.bracketMs[1])} of idle.`;
    case 'not-crossed':
      return `No estimate: ${estimate.note}.`;
    case 'ambiguous':
      return `No single estimate: ${estimate.note}.`;
    case 'no-data':
      return 'No estimate: no idle time has a sample.';
  }
}

/** Whether the bracket holds the local platform's configured keep-alive. */
export function groundTruthSentence(estimate: KeepAliveEstimate, configuredMs: number): string {
  const configured = `The local platform's configured keep-alive is ${humanDuration(configuredMs)}`;
  if (estimate.kind !== 'crossed') return `${configured}.`;
  const [from, to] = estimate.bracketMs;
  return from <= configuredMs && configuredMs <= to ? `${configured}: inside the bracket.` : `${configured}: outside the bracket.`;
}

