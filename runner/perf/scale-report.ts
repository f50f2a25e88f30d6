/**
 * The scale section's figures as text: two lines per row count (the report, then the resume
 * preparation), ratios against the smallest count's same line, and the report's aim.
 */

export interface ScaleFigures {
  readonly rows: number;
  readonly fileBytes: number;
  readonly generateMs: number;
  /** buildRunReport alone, timed in the child. */
  readonly reportMs: number;
  /** The child process from start to exit (module loading included). */
  readonly processMs: number;
  readonly peakRssMb: number;
  /** What --resume reads of the study with its last row cut in half (scale-resume.ts), in a child of its own. */
  readonly resume: { readonly ms: number; readonly processMs: number; readonly peakRssMb: number };
}

/** What the report of a million-request study should stay within on the two-core machine; printed, never enforced. */
export const SCALE_AIM = { rows: 1_000_000, peakRssMb: 600, reportS: 90 };

const pad = (text: string, width: number) => text.padStart(width);
const mark = (met: boolean) => (met ? 'met' : 'NOT met');

export function formatScale(figures: readonly ScaleFigures[]): string {
  const base = figures[0];
  if (base === undefined) return 'Scale: no row counts measured';
  const lines = [
    'Scale: report of a synthetic study (all columns; the report as npm run report builds it, in a child process),',
    '  then resume: what --resume reads of it with its last row cut in half (the cold sub-experiment taken as a chain',
    '  whose transfers.csv is missing: 2 LOST hop rows per request), in a child process of its own',
    '        rows   file MB   generate s     time s   process s   peak RSS MB   rows ×   time ×   RSS ×',
  ];
  const ratios = (rows: number, ms: number, baseMs: number, rssMb: number, baseRssMb: number) =>
    [pad((rows / base.rows).toFixed(0), 9), pad((ms / baseMs).toFixed(2), 9), pad((rssMb / baseRssMb).toFixed(2), 8)].join('');
  for (const f of figures) {
    lines.push(
      [
        pad(f.rows.toLocaleString('en-US'), 12),
        pad((f.fileBytes / 1e6).toFixed(0), 10),
        pad((f.generateMs / 1000).toFixed(1), 13),
        pad((f.reportMs / 1000).toFixed(1), 11),
        pad((f.processMs / 1000).toFixed(1), 12),
        pad(f.peakRssMb.toFixed(0), 14),
        ratios(f.rows, f.reportMs, base.reportMs, f.peakRssMb, base.peakRssMb),
      ].join(''),
    );
    lines.push(
      [
        pad('resume', 12),
        pad('', 23),
        pad((f.resume.ms / 1000).toFixed(1), 11),
        pad((f.resume.processMs / 1000).toFixed(1), 12),
        pad(f.resume.peakRssMb.toFixed(0), 14),
        ratios(f.rows, f.resume.ms, base.resume.ms, f.resume.peakRssMb, base.resume.peakRssMb),
      ].join(''),
    );
  }
  const aimed = figures.find((f) => f.rows === SCALE_AIM.rows);
  if (aimed !== undefined) {
    const met = aimed.peakRssMb <= SCALE_AIM.peakRssMb && aimed.reportMs / 1000 <= SCALE_AIM.reportS;
    lines.push(
      `  aim: ${SCALE_AIM.rows.toLocaleString('en-US')} rows within ${SCALE_AIM.peakRssMb} MB peak RSS and ${SCALE_AIM.reportS} s: ${mark(met)} ` +
        `(${aimed.peakRssMb.toFixed(0)} MB, ${(aimed.reportMs / 1000).toFixed(1)} s)`,
    );
  }
  return lines.join('\n');
}
