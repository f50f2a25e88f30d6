import type { MedianCi } from '../stats/index.js';

/**
 * How numbers read in tables (HTML and console): ms with a precision that suits their size
 * (0.42, 12.3, 1234), an en dash for "no value". The CSV and JSON keep full precision.
 */

export const NO_VALUE = '–';

export function msText(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return NO_VALUE;
  const size = Math.abs(ms);
  return ms.toFixed(size < 10 ? 2 : size < 100 ? 1 : 0);
}

export function ratioText(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? NO_VALUE : `${ratio.toFixed(2)}×`;
}

export function ciText(ci: MedianCi | null): string {
  return ci === null ? NO_VALUE : `${msText(ci.lower)}–${msText(ci.upper)}`;
}

// Durations read as the run log words them.
export { durationText } from '../sinks/log-lines.js';
