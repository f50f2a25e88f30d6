import { CLASS_COLOURS } from '../../report/chart-style.js';
import type { ChartedClass, SeriesPoint } from '../series.js';
import { esc, isoDate, isoMinute, ms } from './escape.js';

/**
 * One sub-experiment's history as an inline SVG: median (solid, dots) and p99 (dashed, squares)
 * of cold and warm latency per run, each with its distribution-free 95% interval as a bar, on a
 * log scale (cold and warm differ tenfold); a run that did not complete is hollow; a marked
 * change is ringed. Every point carries a <title> with its figures, so hovering reads them. Drawn
 * by hand rather than with Vega: hundreds of points render in microseconds and the page stays small.
 */

const WIDTH = 760;
const HEIGHT = 270;
const MARGIN = { left: 62, right: 150, top: 14, bottom: 40 };
const CHANGE_COLOUR = '#c0262d';
const STATS = [
  { key: 'median', label: 'median', dash: '' },
  { key: 'p99', label: 'p99', dash: '5 4' },
] as const;

export function historyChartSvg(classes: Readonly<Record<ChartedClass, readonly SeriesPoint[]>>, label: string): string | null {
  const points = (Object.keys(classes) as ChartedClass[]).flatMap((cls) => classes[cls].map((point) => ({ cls, point })));
  const values = points.flatMap(({ point: { summary: s } }) => [s.medianMs, s.p99Ms, ...(s.medianCi ?? []), ...(s.p99Ci ?? [])]).filter((v): v is number => v !== null && v > 0);
  if (values.length === 0) return null;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;

  const lowLog = Math.log10(Math.min(...values) / 1.15);
  const highLog = Math.log10(Math.max(...values) * 1.15);
  const span = Math.max(highLog - lowLog, 0.3);
  const y = (v: number) => MARGIN.top + plotH - ((Math.log10(Math.max(v, 1e-6)) - lowLog) / span) * plotH;
  const times = points.map(({ point }) => point.startedAtMs);
  let tMin = Math.min(...times);
  let tMax = Math.max(...times);
  if (tMax - tMin < 3_600_000) {
    tMin -= 43_200_000;
    tMax += 43_200_000;
  }
  const pad = (tMax - tMin) * 0.03;
  tMin -= pad;
  tMax += pad;
  const x = (t: number) => MARGIN.left + ((t - tMin) / (tMax - tMin)) * plotW;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" class="history-chart" font-family="system-ui, sans-serif" font-size="11">`);
  out.push(`<title>${esc(label)}</title>`);
  // Axes and grid.
  for (const tick of logTicks(lowLog, lowLog + span)) {
    const ty = y(tick).toFixed(1);
    out.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${ty}" y2="${ty}" stroke="#e3e7eb"/>`);
    out.push(`<text x="${MARGIN.left - 6}" y="${ty}" text-anchor="end" dominant-baseline="middle" fill="#5b6570">${esc(tickText(tick))}</text>`);
  }
  out.push(`<text transform="translate(14 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle" fill="#5b6570">latency (ms, log)</text>`);
  const shortRange = tMax - tMin < 3 * 86_400_000;
  for (let i = 0; i <= 4; i++) {
    const t = tMin + pad + ((tMax - tMin - 2 * pad) * i) / 4;
    const tx = x(t).toFixed(1);
    out.push(`<line x1="${tx}" x2="${tx}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH + 4}" stroke="#8a939c"/>`);
    out.push(`<text x="${tx}" y="${MARGIN.top + plotH + 17}" text-anchor="middle" fill="#5b6570">${esc(shortRange ? isoMinute(t).slice(5) : isoDate(t))}</text>`);
  }
  out.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#b9c1c9"/>`);

  // Series: interval bars, line, points, change rings.
  for (const cls of Object.keys(classes) as ChartedClass[]) {
    const colour = CLASS_COLOURS[cls];
    for (const stat of STATS) {
      const series = classes[cls].filter((p) => (stat.key === 'median' ? p.summary.medianMs : p.summary.p99Ms) !== null);
      if (series.length === 0) continue;
      const value = (p: SeriesPoint) => (stat.key === 'median' ? p.summary.medianMs : p.summary.p99Ms) as number;
      const ci = (p: SeriesPoint) => (stat.key === 'median' ? p.summary.medianCi : p.summary.p99Ci);
      const path = series.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.startedAtMs).toFixed(1)},${y(value(p)).toFixed(1)}`).join('');
      out.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="1.6"${stat.dash === '' ? '' : ` stroke-dasharray="${stat.dash}"`} class="series ${cls}-${stat.key}"/>`);
      for (const p of series) {
        const px = x(p.startedAtMs).toFixed(1);
        const py = y(value(p)).toFixed(1);
        const interval = ci(p);
        const completed = p.status === 'completed';
        const title = `${cls} ${stat.label} ${ms(value(p))} ms${interval === null ? ' (no 95% interval: too few requests)' : ` [95%: ${ms(interval[0])}–${ms(interval[1])}]`}, n = ${p.summary.n}\nrun ${p.runId} (${p.status}), ${isoMinute(p.startedAtMs)} UTC`;
        out.push(`<g class="point${completed ? '' : ' incomplete'}" data-run="${esc(p.runId)}"><title>${esc(title)}</title>`);
        if (interval !== null) {
          const [lo, hi] = [y(interval[0]).toFixed(1), y(interval[1]).toFixed(1)];
          out.push(`<path d="M${px},${lo}V${hi}M${(Number(px) - 3).toFixed(1)},${lo}h6M${(Number(px) - 3).toFixed(1)},${hi}h6" stroke="${colour}" stroke-opacity="0.55"/>`);
        }
        const fill = completed ? colour : '#fff';
        out.push(
          stat.key === 'median'
            ? `<circle cx="${px}" cy="${py}" r="3.5" fill="${fill}" stroke="${colour}" stroke-width="1.4"/>`
            : `<rect x="${(Number(px) - 3.2).toFixed(1)}" y="${(Number(py) - 3.2).toFixed(1)}" width="6.4" height="6.4" fill="${fill}" stroke="${colour}" stroke-width="1.4"/>`,
        );
        out.push('</g>');
        const change = p.change;
        if (change !== null && ((stat.key === 'median' && change.shift) || (stat.key === 'p99' && change.p99))) {
          const why =
            stat.key === 'median'
              ? `Mann–Whitney p = ${formatP(change.pValue)} against run ${change.previousRunId}: ${change.direction}, median ${ms(change.medianBeforeMs)} → ${ms(change.medianAfterMs)} ms`
              : `p99 95% intervals do not overlap with run ${change.previousRunId}: ${change.direction}, p99 ${ms(change.p99BeforeMs)} → ${ms(change.p99AfterMs)} ms`;
          out.push(`<g class="change ${change.direction}" data-run="${esc(p.runId)}"><title>${esc(`change (${cls} ${stat.label}): ${why}`)}</title><circle cx="${px}" cy="${py}" r="8.5" fill="none" stroke="${CHANGE_COLOUR}" stroke-width="2"/></g>`);
        }
      }
    }
  }

  // Legend.
  const lx = MARGIN.left + plotW + 14;
  let ly = MARGIN.top + 8;
  for (const cls of Object.keys(classes) as ChartedClass[]) {
    if (classes[cls].length === 0) continue;
    for (const stat of STATS) {
      const colour = CLASS_COLOURS[cls];
      out.push(`<line x1="${lx}" x2="${lx + 22}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="1.6"${stat.dash === '' ? '' : ` stroke-dasharray="${stat.dash}"`}/>`);
      out.push(`<text x="${lx + 28}" y="${ly}" dominant-baseline="middle">${esc(`${cls} ${stat.label}`)}</text>`);
      ly += 17;
    }
  }
  out.push(`<circle cx="${lx + 11}" cy="${ly + 4}" r="3.5" fill="#fff" stroke="#5b6570"/><text x="${lx + 28}" y="${ly + 4}" dominant-baseline="middle">not completed</text>`);
  out.push(`<circle cx="${lx + 11}" cy="${ly + 22}" r="7" fill="none" stroke="${CHANGE_COLOUR}" stroke-width="2"/><text x="${lx + 28}" y="${ly + 22}" dominant-baseline="middle">change</text>`);
  out.push('</svg>');
  return out.join('');
}

/** 1-2-5 ticks per decade between two log10 values. */
export function logTicks(lowLog: number, highLog: number): number[] {
  const ticks: number[] = [];
  for (let decade = Math.floor(lowLog); decade <= Math.ceil(highLog); decade++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** decade;
      const l = Math.log10(v);
      if (l >= lowLog && l <= highLog) ticks.push(v);
    }
  }
  return ticks;
}

function tickText(v: number): string {
  return v >= 1 ? String(Math.round(v)) : String(Number(v.toPrecision(1)));
}

export function formatP(p: number | null): string {
  if (p === null) return '–';
  return p < 0.0001 ? '< 0.0001' : p.toFixed(4);
}
