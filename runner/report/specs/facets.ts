import type { Field } from 'vega-lite/types_unstable/channeldef.js';
import type { FacetFieldDef } from 'vega-lite/types_unstable/spec/facet.js';
import type { CalculateTransform } from 'vega-lite/types_unstable/transform.js';
import type { RequestClass } from '../../results/request-record.js';
import { CLASS_ORDER } from '../chart-style.js';

/**
 * How every chart lays out its panels: by sub-experiment (rows, or wrapped panels) and by class
 * (columns). Panels are keyed by numbers whose natural ascending order is the panel order (the
 * sub-experiment index; the class's place in REQUEST_CLASSES) and the headers print the name.
 *
 * Why not facet on the name and sort by something else: with both a row and a column, vega-lite
 * builds every row × column cell (`aggregate: {cross: true}`) and orders the cells by the sort
 * field aggregated over each cell's data (`min(subExperimentIndex)`, or the position in an explicit
 * list). A cell with no data (a sub-experiment without cold starts) has no value for it, so it sorts
 * first and every panel after it is drawn one place further on, while the headers, sorted from the
 * data, stay where they were: the warm sub-experiment's one cold start under the warm/warm header.
 * Sorting by the facet field itself needs no aggregate, and every cell, empty or not, has its key.
 */

/** Added to a chart's data by classRankTransform: the class's place in CLASS_ORDER. */
export const CLASS_RANK_FIELD = 'classRank';

/** A vega expression mapping a panel key (`datum.value` in a header) to its name. */
function labelExpression(keys: readonly number[], names: readonly string[]): string {
  return `${JSON.stringify(names)}[indexof(${JSON.stringify(keys)}, datum.value)]`;
}

/** One panel (row, or wrapped panel) per sub-experiment, in index order, headed by its label. */
export function subExperimentFacet(labels: ReadonlyMap<number, string>): FacetFieldDef<Field> {
  const indices = [...labels.keys()].sort((a, b) => a - b);
  return {
    field: 'subExperimentIndex',
    type: 'ordinal',
    title: null,
    header: { labelExpr: labelExpression(indices, indices.map((index) => labels.get(index) ?? `sub-experiment ${index}`)) },
  };
}

/** Computes CLASS_RANK_FIELD from each datum's `class`; a chart faceted by classFacet needs it in its transforms. */
export function classRankTransform(): CalculateTransform {
  return { calculate: `indexof(${JSON.stringify(CLASS_ORDER)}, datum.class)`, as: CLASS_RANK_FIELD };
}

/** One panel (column) per class present, in REQUEST_CLASSES order, headed by the class. */
export function classFacet(): FacetFieldDef<Field> {
  const ranks = CLASS_ORDER.map((_, rank) => rank);
  return { field: CLASS_RANK_FIELD, type: 'ordinal', title: null, header: { labelExpr: labelExpression(ranks, [...CLASS_ORDER] satisfies RequestClass[]) } };
}
