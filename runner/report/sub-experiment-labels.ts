import type { LatencyTable } from '../results/latency-table.js';
import type { RequestRecord } from '../results/request-record.js';

/**
 * The name a chart panel or table row shows for each sub-experiment: its title, or `title (#index)`
 * when two sub-experiments share a title, so every panel key is unique. Charts facet on this label and
 * sort panels by index.
 */
export function subExperimentLabels(records: readonly Pick<RequestRecord, 'subExperimentIndex' | 'subExperiment'>[]): Map<number, string> {
  const titles = new Map<number, string>();
  for (const record of records) if (!titles.has(record.subExperimentIndex)) titles.set(record.subExperimentIndex, record.subExperiment);
  const counts = new Map<string, number>();
  for (const title of titles.values()) counts.set(title, (counts.get(title) ?? 0) + 1);
  return new Map(
    [...titles]
      .sort(([a], [b]) => a - b)
      .map(([index, title]) => [index, (counts.get(title) ?? 0) > 1 ? `${title} (#${index})` : title]),
  );
}

/** The labels of a table's sub-experiments (its first title for each index, as with records). */
export function tableLabels(table: LatencyTable): Map<number, string> {
  return subExperimentLabels(table.subExperiments.map((sub) => ({ subExperimentIndex: sub.index, subExperiment: sub.title })));
}

export function labelOf(labels: ReadonlyMap<number, string>, index: number): string {
  return labels.get(index) ?? `sub-experiment ${index}`;
}
