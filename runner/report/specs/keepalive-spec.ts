import type { TopLevelSpec } from 'vega-lite';
import type { Field, PositionFieldDef } from 'vega-lite/types_unstable/channeldef.js';
import type { LayerSpec } from 'vega-lite/types_unstable/spec/layer.js';
import { BINOMIAL_CI_LEVEL, KEEP_ALIVE_THRESHOLD, type KeepAliveEstimate } from '../../keepalive/index.js';
import { CHART_CONFIG, CLASS_COLOURS, PANEL_HEIGHT_PX, PANEL_WIDTH_PX } from '../chart-style.js';
import type { KeepAliveReport } from '../keepalive-report.js';
import { SCHEMA_URL } from './spec-common.js';

/**
 * P(cold | idle time) against idle time, one chart (no facets): each point at the median measured
 * idle of its samples with its exact 95% interval as a bar, a dashed rule at 50%, the estimated
 * keep-alive as a vertical rule with its bracket shaded (the bracket alone when the curve crosses
 * more than once), and on the local platform the configured keep-alive as a dotted rule.
 */

export const ESTIMATE_COLOUR = '#6b3fa0';
const RULE_COLOUR = '#666';

export interface KeepAliveDatum {
  readonly idle: number;
  readonly pCold: number;
  readonly ciLower: number;
  readonly ciUpper: number;
  readonly samples: number;
  readonly subExperiment: string;
}

export interface IdleUnit {
  readonly name: 'ms' | 's' | 'min';
  readonly ms: number;
}

/** Minutes once the longest idle time reaches 2 min, seconds from 2 s, else ms. */
export function idleUnit(longestIdleMs: number): IdleUnit {
  if (longestIdleMs >= 120_000) return { name: 'min', ms: 60_000 };
  if (longestIdleMs >= 2000) return { name: 's', ms: 1000 };
  return { name: 'ms', ms: 1 };
}

/** The points with samples, idle in `unit`. */
export function keepAliveData(report: KeepAliveReport, unit: IdleUnit): KeepAliveDatum[] {
  return report.curve.rows.flatMap((row) =>
    row.point === null || row.point.pCold === null
      ? []
      : [
          {
            idle: row.point.idleMs / unit.ms,
            pCold: row.point.pCold,
            ciLower: row.point.ci.lower,
            ciUpper: row.point.ci.upper,
            samples: row.point.samples,
            subExperiment: row.idle.subExperimentTitle,
          },
        ],
  );
}

export function keepAliveSpec(report: KeepAliveReport): TopLevelSpec {
  const longest = Math.max(...report.curve.rows.map((row) => Math.max(row.idle.idleMs, row.point?.idleRangeMs[1] ?? 0)));
  const unit = idleUnit(longest);
  const xTitle = `idle time since the replica's previous request (${unit.name})`;
  const x = (field: string): PositionFieldDef<Field> => ({ field, type: 'quantitative', title: xTitle, scale: { zero: true } });
  const y = (field: string): PositionFieldDef<Field> => ({ field, type: 'quantitative', title: 'P(cold)', scale: { domain: [0, 1] }, axis: { format: '.0%' } });
  const { estimate } = report.curve;
  const bracket = bracketOf(estimate);
  const layers: LayerSpec<Field>['layer'] = [];
  if (bracket !== null) {
    layers.push({ data: { values: [{ from: bracket[0] / unit.ms, to: bracket[1] / unit.ms }] }, mark: { type: 'rect', color: ESTIMATE_COLOUR, opacity: 0.12 }, encoding: { x: x('from'), x2: { field: 'to' } } });
  }
  layers.push({ data: { values: [{ p: KEEP_ALIVE_THRESHOLD }] }, mark: { type: 'rule', color: RULE_COLOUR, strokeDash: [6, 4] }, encoding: { y: y('p') } });
  if (report.configuredMs !== null) {
    layers.push({ data: { values: [{ at: report.configuredMs / unit.ms }] }, mark: { type: 'rule', color: RULE_COLOUR, strokeDash: [2, 3], strokeWidth: 1.5 }, encoding: { x: x('at') } });
  }
  if (estimate.kind === 'crossed') {
    layers.push({ data: { values: [{ at: estimate.estimateMs / unit.ms }] }, mark: { type: 'rule', color: ESTIMATE_COLOUR, strokeWidth: 2 }, encoding: { x: x('at') } });
  }
  layers.push({
    data: { values: keepAliveData(report, unit) },
    layer: [
      { mark: { type: 'rule', color: CLASS_COLOURS.cold, strokeWidth: 1.5 }, encoding: { x: x('idle'), y: y('ciLower'), y2: { field: 'ciUpper' } } },
      { mark: { type: 'line', color: CLASS_COLOURS.cold, strokeWidth: 1, opacity: 0.6 }, encoding: { x: x('idle'), y: y('pCold') } },
      { mark: { type: 'point', filled: true, size: 60, color: CLASS_COLOURS.cold, opacity: 1 }, encoding: { x: x('idle'), y: y('pCold') } },
    ],
  });
  return {
    $schema: SCHEMA_URL,
    title: { text: 'P(cold | idle time) and the estimated keep-alive', subtitle: subtitleLines(estimate, report.configuredMs, unit) },
    width: Math.round(PANEL_WIDTH_PX * 1.5),
    height: Math.round(PANEL_HEIGHT_PX * 1.3),
    layer: layers,
    config: CHART_CONFIG,
  };
}

function bracketOf(estimate: KeepAliveEstimate): readonly [number, number] | null {
  return estimate.kind === 'crossed' || estimate.kind === 'ambiguous' ? estimate.bracketMs : null;
}

function subtitleLines(estimate: KeepAliveEstimate, configuredMs: number | null, unit: IdleUnit): string[] {
  const lines = [estimate.note];
  lines.push(`bars: exact (Clopper–Pearson) ${BINOMIAL_CI_LEVEL * 100}% intervals; dashed: 50%${estimate.kind === 'crossed' ? '; solid: the estimate, shaded: its bracket' : estimate.kind === 'ambiguous' ? '; shaded: where it crosses' : ''}`);
  if (configuredMs !== null) lines.push(`dotted: the local platform's configured keep-alive, ${Number((configuredMs / unit.ms).toFixed(3))} ${unit.name}`);
  return lines;
}
