/**
 * The report's stylesheet, inlined into every page. System fonts only (the page must not fetch
 * anything), tabular figures so columns of numbers line up, and charts that shrink to the window.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1d2329; --muted: #5b6570; --line: #d9dee3; --band: #f5f7f9; --accent: #1f5fa8; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 28px 32px 64px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 24px 0 8px; }
p { margin: 6px 0; }
.lead { color: var(--muted); margin-bottom: 18px; }
.estimate { font-size: 16px; font-weight: 600; margin: 10px 0 12px; }
.notice { border-left: 4px solid #c98a14; background: #fdf6e7; padding: 10px 14px; margin: 14px 0; }
.notice.bad { border-color: #c0262d; background: #fcebec; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 20px; margin: 12px 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.status { display: inline-block; padding: 1px 9px; border-radius: 10px; font-size: 13px; font-weight: 600; color: #fff; background: #6b7580; }
.status.completed { background: #2e7d32; }
.status.interrupted { background: #b7791f; }
.status.failed, .status.killed { background: #c0262d; }
table { border-collapse: collapse; margin: 8px 0 4px; font-variant-numeric: tabular-nums; font-size: 14px; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; white-space: nowrap; }
thead th { border-bottom: 2px solid #b9c1c9; font-weight: 600; }
th.num, td.num { text-align: right; }
tbody tr.group-start td { border-top: 1px solid #b9c1c9; }
tbody tr:nth-child(even) td { background: var(--band); }
td.class-cold { color: #1f5fa8; font-weight: 600; }
td.class-warm { color: #b8580e; font-weight: 600; }
.table-wrap { overflow-x: auto; }
.note { color: var(--muted); font-size: 13px; }
figure { margin: 22px 0 30px; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
figcaption a { color: var(--accent); }
details { margin: 10px 0; }
summary { cursor: pointer; color: var(--accent); }
pre.json { background: var(--band); border: 1px solid var(--line); padding: 12px; overflow-x: auto; font-size: 12.5px; line-height: 1.4; }
footer { margin-top: 48px; color: var(--muted); font-size: 13px; }
`.trim();
