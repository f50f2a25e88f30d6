import { UserError } from '../../experiments/schema/index.js';

const UNITS_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/**
 * "500ms", "90s", "10m", "1h30m" → milliseconds. A unit is required: a bare number is ambiguous
 * between the seconds of a CI setting and the milliseconds of the code.
 */
export function parseDurationMs(text: string, option: string): number {
  const parts = [...text.trim().matchAll(/(\d+(?:\.\d+)?)(ms|min|s|m|h)/g)];
  const joined = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || joined !== text.trim()) {
    throw new UserError(`${option} ${text} is not a duration: write a number with a unit, such as 500ms, 90s, 10m, 2h or 1h30m.`);
  }
  return parts.reduce((sum, p) => sum + Number(p[1]) * (UNITS_MS[p[2] as string] as number), 0);
}

/** 45 s, 12 min 05 s, 2 h 03 min: for summaries and log lines. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
