import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';

/**
 * Reads, from the charts a real browser drew, which data each facet panel shows and under which
 * headers it stands, and checks the two agree. A panel's row and column are the headers level with
 * it (by their boxes on the page); a wrapped facet's panel carries its own title. What it shows is
 * read from its marks' ARIA labels, which vega writes from the data of each mark ("latency (ms): 412;
 * requests: 3; class: cold"). The expected marks come from the data in the chart's spec.
 */

export interface DrawnPanel {
  readonly figureId: string;
  readonly rowLabel: string | null;
  readonly columnLabel: string | null;
  /** Kind of mark ("bar", "line mark", "point") and its ARIA label, per mark. */
  readonly marks: readonly { readonly kind: string; readonly label: string }[];
}

export async function readPanels(page: Page): Promise<DrawnPanel[]> {
  return page.$$eval('figure.plot', (figures) =>
    figures.flatMap((figure) => {
      const svg = figure.querySelector('svg');
      if (svg === null) return [];
      const headers = (selector: string) =>
        [...svg.querySelectorAll(`${selector} .role-title-text text`)].map((text) => ({ text: text.textContent ?? '', box: text.getBoundingClientRect() }));
      const rows = headers('.role-row-header');
      const columns = headers('.role-column-header');
      const cells = [...svg.querySelectorAll('g.mark-group.role-scope.cell > g')];
      return cells.map((cell) => {
        const background = cell.querySelector(':scope > path.background');
        const box = (background ?? cell).getBoundingClientRect();
        const row = rows.find((h) => h.box.top + h.box.height / 2 >= box.top && h.box.top + h.box.height / 2 <= box.bottom);
        const column = columns.find((h) => h.box.left + h.box.width / 2 >= box.left && h.box.left + h.box.width / 2 <= box.right);
        // A wrapped facet (no row headers) titles each panel itself.
        const title = cell.querySelector('.role-title .role-title-text text');
        const marks = [...cell.querySelectorAll('[role="graphics-symbol"][aria-label]')]
          .map((mark) => ({ kind: mark.getAttribute('aria-roledescription') ?? '', label: mark.getAttribute('aria-label') ?? '' }))
          .filter((mark) => ['bar', 'line mark', 'point'].includes(mark.kind));
        return {
          figureId: figure.id,
          rowLabel: row?.text ?? (rows.length === 0 ? (title?.textContent ?? null) : null),
          columnLabel: column?.text ?? null,
          marks,
        };
      });
    }),
  );
}

type Datum = Record<string, unknown>;

/** How to read one chart: its marks' signatures, and the signatures the panel's data should give. */
interface ChartReading {
  readonly markKind: string;
  fromLabel(label: Readonly<Record<string, string>>): string;
  fromData(panelData: readonly Datum[]): string[];
}

const number = (text: string | undefined): string => Number((text ?? '').replace(/[,%]/g, '')).toPrecision(6);
const value = (datum: Datum, field: string): string => number(String(datum[field]));

/** First point of each line (vega labels a line by its first datum), one line per `series` value. */
function firstPoints(panelData: readonly Datum[], series: string): string[] {
  const seen = new Map<string, Datum>();
  for (const datum of panelData) if (!seen.has(String(datum[series]))) seen.set(String(datum[series]), datum);
  return [...seen].map(([key, datum]) => `${key}|${value(datum, 'latencyMs')}`);
}

const READINGS: Readonly<Record<string, ChartReading>> = {
  histogram: {
    markKind: 'bar',
    fromLabel: (l) => `${l['class']}|${number(l['latency (ms)'])}|${l['requests']}`,
    fromData: (data) => data.map((d) => `${String(d['class'])}|${value(d, 'startMs')}|${String(d['count'])}`),
  },
  cdf: {
    markKind: 'line mark',
    fromLabel: (l) => `${l['class']}|${number(l['latency (ms)'] ?? l['latency (ms, log scale)'])}`,
    fromData: (data) => firstPoints(data, 'class'),
  },
  comparison: {
    markKind: 'line mark',
    fromLabel: (l) => `${l['run']}|${number(l['latency (ms)'] ?? l['latency (ms, log scale)'])}`,
    fromData: (data) => firstPoints(data, 'run'),
  },
  timeline: {
    markKind: 'point',
    fromLabel: (l) => `${l['outcome']}|${number(l['time since start (s)'])}|${number(l['latency (ms, log scale)'])}`,
    fromData: (data) => data.map((d) => `${String(d['outcome'])}|${value(d, 'dispatchedS')}|${value(d, 'medianMs')}`),
  },
  factor: {
    markKind: 'point',
    fromLabel: (l) => `${l['class']}|${l['statistic']}|${number(l['latency (ms)'])}`,
    fromData: (data) => data.map((d) => `${String(d['class'])}|${String(d['statistic'])}|${value(d, 'latencyMs')}`),
  },
};

function readingFor(plotName: string, spec: Datum): ChartReading {
  if (plotName === 'histogram') return READINGS['histogram'] as ChartReading;
  if (plotName === 'timeline') return READINGS['timeline'] as ChartReading;
  if (plotName.startsWith('factor-')) return READINGS['factor'] as ChartReading;
  const colour = ((spec['spec'] as Datum)['encoding'] as Datum)['color'] as Datum;
  return (colour['field'] === 'run' ? READINGS['comparison'] : READINGS['cdf']) as ChartReading;
}

function parseLabel(label: string): Record<string, string> {
  return Object.fromEntries(
    label.split('; ').map((part) => {
      const at = part.lastIndexOf(': ');
      return [part.slice(0, at), part.slice(at + 2)];
    }),
  );
}

/** Every panel drawn for `plots` shows exactly the marks of the data its headers name; every non-empty group has its panel. */
export function expectPanelsMatchHeaders(panels: readonly DrawnPanel[], plots: readonly { name: string; spec: unknown }[]): void {
  for (const plot of plots) {
    const spec = plot.spec as Datum;
    const drawn = panels.filter((panel) => panel.figureId === `plot-${plot.name}`);
    const data = (spec['data'] as { values: Datum[] }).values;
    const reading = readingFor(plot.name, spec);
    expect({ plot: plot.name, panels: drawn.length > 0 }).toEqual({ plot: plot.name, panels: true });
    let marksSeen = 0;
    for (const panel of drawn) {
      const inPanel = data.filter(
        (d) => (panel.rowLabel === null || d['subExperiment'] === panel.rowLabel) && (panel.columnLabel === null || d['class'] === panel.columnLabel),
      );
      const shown = panel.marks.filter((m) => m.kind === reading.markKind).map((m) => reading.fromLabel(parseLabel(m.label)));
      marksSeen += shown.length;
      const where = { plot: plot.name, row: panel.rowLabel, column: panel.columnLabel };
      expect({ ...where, marks: [...shown].sort() }).toEqual({ ...where, marks: reading.fromData(inPanel).sort() });
    }
    // No data was left out of every panel (or drawn under a header that matches no datum).
    expect({ plot: plot.name, marks: marksSeen }).toEqual({ plot: plot.name, marks: uniqueMarks(data, reading, drawn) });
  }
}

/** How many marks the whole data set makes, grouped the way the panels group it. */
function uniqueMarks(data: readonly Datum[], reading: ChartReading, panels: readonly DrawnPanel[]): number {
  const hasRows = panels.some((p) => p.rowLabel !== null);
  const hasColumns = panels.some((p) => p.columnLabel !== null);
  const groups = new Map<string, Datum[]>();
  for (const datum of data) {
    const key = `${hasRows ? String(datum['subExperiment']) : ''}\u0000${hasColumns ? String(datum['class']) : ''}`;
    groups.set(key, [...(groups.get(key) ?? []), datum]);
  }
  return [...groups.values()].reduce((n, group) => n + reading.fromData(group).length, 0);
}
