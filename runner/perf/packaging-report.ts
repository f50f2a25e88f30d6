import type { PackagingFigures } from './packaging-types.js';

/** What packaging aims for; printed next to the figures, never enforced. */
export const PACKAGING_AIMS = {
  /** Build time over the time to write the filler alone. */
  timeRatio: 2,
  /** Extra peak memory of a build, whatever the size: the filler is streamed, never held. */
  extraMb: 64,
};

const MB = 1024 * 1024;
const num = (value: number, digits: number, width: number) => value.toFixed(digits).padStart(width);
const mark = (met: boolean) => (met ? 'met' : 'NOT met');

export function formatPackaging(figures: readonly PackagingFigures[]): string {
  const lines = [
    `Packaging: filler-padded zip vs writing the same filler bytes to a file, fresh process each, median of ${figures[0]?.repetitions ?? 0}`,
    `  size MiB   package ms   filler ms   ratio   package extra MB   filler extra MB   zip bytes`,
  ];
  for (const f of figures) {
    lines.push(
      `  ${num(f.sizeMb, 0, 8)}   ${num(f.packageMs, 1, 10)}   ${num(f.fillerMs, 1, 9)}   ${num(f.fillerMs === 0 ? 0 : f.packageMs / f.fillerMs, 2, 5)}   ` +
        `${num(f.packageExtraBytes / MB, 1, 16)}   ${num(f.fillerExtraBytes / MB, 1, 15)}   ${String(f.packageBytes).padStart(9)}`,
    );
  }
  const timeMet = figures.every((f) => f.packageMs <= PACKAGING_AIMS.timeRatio * f.fillerMs);
  const memoryMet = figures.every((f) => f.packageExtraBytes <= PACKAGING_AIMS.extraMb * MB);
  lines.push(
    `  aim: build time <= ${PACKAGING_AIMS.timeRatio}x the filler alone: ${mark(timeMet)}; extra memory <= ${PACKAGING_AIMS.extraMb} MB at every size: ${mark(memoryMet)}`,
  );
  return lines.join('\n');
}
