import type { Config } from 'vega-lite';
import { REQUEST_CLASSES, type RequestClass } from '../results/request-record.js';

/**
 * One look for every chart: the same colour for a class everywhere (cold blue, warm orange), errors
 * in red, light grids, titles left-aligned. Fonts are generic families only: the SVGs and the report
 * must render offline, so nothing may reference a web font.
 */

export const CLASS_ORDER: readonly RequestClass[] = REQUEST_CLASSES;

export const CLASS_COLOURS: Readonly<Record<RequestClass, string>> = {
  cold: '#1f5fa8',
  'cold-preinit': '#6aa6d8',
  warm: '#e07b24',
  unknown: '#8a8a8a',
};

export const ERROR_COLOUR = '#c0262d';
/** Outcome of a request on the timeline: its class when it succeeded, `error` when it failed. */
export type Outcome = RequestClass | 'error';
export const OUTCOME_ORDER: readonly Outcome[] = [...CLASS_ORDER, 'error'];

export const PANEL_WIDTH_PX = 360;
export const PANEL_HEIGHT_PX = 200;
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif';

/** A colour scale over the classes present, in the fixed order, so a chart with only warm data still colours it orange. */
export function classColourScale(present: Iterable<RequestClass>): { domain: RequestClass[]; range: string[] } {
  const wanted = new Set(present);
  const domain = CLASS_ORDER.filter((cls) => wanted.has(cls));
  return { domain, range: domain.map((cls) => CLASS_COLOURS[cls]) };
}

export function outcomeColourScale(present: Iterable<Outcome>): { domain: Outcome[]; range: string[] } {
  const wanted = new Set(present);
  const domain = OUTCOME_ORDER.filter((outcome) => wanted.has(outcome));
  return { domain, range: domain.map((outcome) => (outcome === 'error' ? ERROR_COLOUR : CLASS_COLOURS[outcome])) };
}

export const CHART_CONFIG: Config = {
  font: FONT_FAMILY,
  background: 'white',
  view: { stroke: '#d9d9d9' },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#ececec', domainColor: '#888', tickColor: '#888' },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', orient: 'right' },
  header: { labelFontSize: 12, labelFontWeight: 'bold', titleFontSize: 12, titleFontWeight: 'normal' },
  title: { fontSize: 15, anchor: 'start', subtitleFontSize: 12, subtitleColor: '#555', offset: 12 },
};
