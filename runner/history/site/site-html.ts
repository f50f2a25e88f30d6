import { REPORT_CSS } from '../../report/html/report-css.js';
import type { HistoryEntry } from '../entry.js';
import { ALPHA, CHARTED_CLASSES, type History, type MarkedChange, type SeriesPoint, type StudyHistory, type SubHistory } from '../series.js';
import { formatP, historyChartSvg } from './chart-svg.js';
import { esc, isoMinute, ms } from './escape.js';

/** The same policy as report.html: nothing may be fetched, scripts never run. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const EXTRA_CSS = `
.history-chart { max-width: 100%; height: auto; display: block; margin: 6px 0 4px; }
.change-slower { color: #c0262d; font-weight: 600; }
.change-faster { color: #2e7d32; font-weight: 600; }
h4 { font-size: 15px; margin: 20px 0 4px; }
.muted { color: var(--muted); }
`;

/** Rows of each sub-experiment's table: the newest runs. */
export const TABLE_RUNS = 10;
/** Rows of the page's changes table. */
export const CHANGES_SHOWN = 40;

/** The site's one page. `reportHref(runId)` is the link to a run's report on the site, or null. */
export function historyPage(history: History, options: { generatedAt: Date; reportHref: (entry: HistoryEntry) => string | null }): string {
  const body: string[] = [];
  const studies = history.vendors.reduce((n, v) => n + v.studies.length, 0);
  body.push(`<h1>faasbench history</h1>`);
  body.push(
    `<p class="lead">${history.runCount} runs of ${studies} studies on ${history.vendors.length} vendor${history.vendors.length === 1 ? '' : 's'}; built ${esc(isoMinute(options.generatedAt.getTime()))} UTC.</p>`,
  );
  body.push(
    `<p>Per study and sub-experiment: median and p99 of cold and warm latency per run, each with its distribution-free 95% interval (order statistics). ` +
      `A run is <strong>marked</strong> when it differs from the previous completed run of the same series: a Mann–Whitney U test of the two runs' latencies ` +
      `(rank-based, so it holds for heavy-tailed, non-normal data) at p &lt; ${ALPHA}, or p99 intervals that do not overlap.</p>`,
  );
  body.push(`<nav><p>${history.vendors.map((v) => `<a href="#vendor-${esc(slug(v.vendor))}">${esc(v.vendor)}</a>`).join(' · ')}</p></nav>`);
  body.push(changesSection(history.changes));
  for (const { vendor, studies: ofVendor } of history.vendors) {
    body.push(`<h2 id="vendor-${esc(slug(vendor))}">${esc(vendor)}</h2>`);
    for (const study of ofVendor) body.push(studySection(study, options.reportHref));
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="faasbench">
<title>faasbench history</title>
<style>
${REPORT_CSS}
${EXTRA_CSS}
</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}

function changesSection(changes: readonly MarkedChange[]): string {
  if (changes.length === 0) return '<h2 id="changes">Marked changes</h2><p class="muted">None: every run is within noise of the one before it.</p>';
  const rows = changes.slice(0, CHANGES_SHOWN).map(
    (c) =>
      `<tr class="change-row"><td>${esc(isoMinute(c.startedAtMs))}</td><td>${esc(c.vendor)}</td><td><a href="#${esc(studyId(c.vendor, c.study))}">${esc(c.study)}</a></td>` +
      `<td>${esc(c.subExperiment)}</td><td>${esc(c.cls)}</td><td class="change-${c.change.direction}">${c.change.direction}</td>` +
      `<td>${[c.change.shift ? 'shift' : '', c.change.p99 ? 'p99' : ''].filter(Boolean).join(' + ')}</td>` +
      `<td class="num">${ms(c.change.medianBeforeMs)} → ${ms(c.change.medianAfterMs)}</td><td class="num">${ms(c.change.p99BeforeMs)} → ${ms(c.change.p99AfterMs)}</td>` +
      `<td class="num">${esc(formatP(c.change.pValue))}</td><td>${esc(c.runId)}</td></tr>`,
  );
  const more = changes.length > CHANGES_SHOWN ? `<p class="muted">${changes.length - CHANGES_SHOWN} older changes are marked in the charts.</p>` : '';
  return (
    `<h2 id="changes">Marked changes</h2><table><thead><tr><th>run started (UTC)</th><th>vendor</th><th>study</th><th>sub-experiment</th><th>class</th><th>direction</th><th>what</th>` +
    `<th class="num">median ms</th><th class="num">p99 ms</th><th class="num">p</th><th>run</th></tr></thead><tbody>${rows.join('')}</tbody></table>${more}`
  );
}

function studySection(study: StudyHistory, reportHref: (entry: HistoryEntry) => string | null): string {
  const latest = study.runs.at(-1) as HistoryEntry;
  const href = reportHref(latest);
  const out = [`<section class="study" id="${esc(studyId(study.vendor, study.title))}">`, `<h3>${esc(study.title)}</h3>`];
  out.push(
    `<p>${study.runs.length} run${study.runs.length === 1 ? '' : 's'}${study.file === null ? '' : ` of <code>${esc(study.file)}</code>`}. Latest: ${esc(latest.runId)} ` +
      `<span class="status ${esc(latest.status)}">${esc(latest.status)}</span> ${esc(isoMinute(Date.parse(latest.startedAt)))} UTC — ` +
      (href === null ? '<span class="muted">no report</span>' : `<a class="latest-report" href="${esc(href)}">report of the latest run</a>`) +
      `</p>`,
  );
  for (const sub of study.subs) out.push(subSection(study, sub));
  out.push('</section>');
  return out.join('\n');
}

function subSection(study: StudyHistory, sub: SubHistory): string {
  const svg = historyChartSvg(sub.classes, `${study.vendor} ${study.title} ${sub.title}: median and p99 latency per run`);
  const out = [`<h4>${esc(sub.title)}${sub.facts === '' ? '' : ` <span class="muted">(${esc(sub.facts)})</span>`}</h4>`];
  out.push(svg ?? '<p class="muted">No successful cold or warm request in any run.</p>');
  const runIds = [...new Set(CHARTED_CLASSES.flatMap((cls) => sub.classes[cls].map((p) => p.runId)))];
  const runs = study.runs.filter((r) => runIds.includes(r.runId)).slice(-TABLE_RUNS).reverse();
  if (runs.length === 0) return out.join('\n');
  const pointOf = (cls: (typeof CHARTED_CLASSES)[number], runId: string) => sub.classes[cls].find((p) => p.runId === runId) ?? null;
  const cells = (p: SeriesPoint | null) =>
    p === null
      ? '<td class="num">–</td><td class="num">–</td><td class="num">–</td>'
      : `<td class="num">${p.summary.n}</td><td class="num">${ms(p.summary.medianMs)} ${interval(p.summary.medianCi)}</td><td class="num">${ms(p.summary.p99Ms)} ${interval(p.summary.p99Ci)}</td>`;
  const rows = runs.map((run) => {
    const changes = CHARTED_CLASSES.flatMap((cls) => {
      const change = pointOf(cls, run.runId)?.change ?? null;
      return change === null ? [] : [`<span class="change-${change.direction}">${cls} ${change.direction}</span>`];
    });
    return `<tr><td>${esc(isoMinute(Date.parse(run.startedAt)))}</td><td>${esc(run.runId)}</td><td>${esc(run.status)}</td>${cells(pointOf('cold', run.runId))}${cells(pointOf('warm', run.runId))}<td>${changes.join(' ')}</td></tr>`;
  });
  out.push(
    `<table><thead><tr><th>started (UTC)</th><th>run</th><th>status</th><th class="num">cold n</th><th class="num">cold median [95%]</th><th class="num">cold p99 [95%]</th>` +
      `<th class="num">warm n</th><th class="num">warm median [95%]</th><th class="num">warm p99 [95%]</th><th>change</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  );
  return out.join('\n');
}

function interval(ci: readonly [number, number] | null): string {
  return ci === null ? '<span class="muted">[–]</span>' : `<span class="muted">[${ms(ci[0])}–${ms(ci[1])}]</span>`;
}

export function studyId(vendor: string, title: string): string {
  return `study-${slug(vendor)}-${slug(title)}`;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}
