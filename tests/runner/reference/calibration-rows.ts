import type { CalibrationResult } from '../../../runner/engine/events.js';
import type { RequestRecord } from '../../../runner/results/request-record.js';
import { statisticsRowsBy } from './group.js';

/**
 * Desired against achieved service time, per sub-experiment and desired time: what calibration
 * chose (busy-spin increments) and achieved, next to the median the function measured during the
 * run itself. Either side may be missing (no resolved file, or no successful request at that time).
 */

export interface CalibrationRow {
  readonly subExperimentIndex: number;
  readonly subExperiment: string;
  readonly desiredServiceTimeMs: number;
  readonly spinIncrements: number | null;
  readonly calibrationAchievedMs: number | null;
  /** Whose clock timed calibration's spins (see CalibrationResult.timedBy). */
  readonly timedBy: CalibrationResult['timedBy'];
  readonly runAchievedMedianMs: number | null;
  /** Why calibration could not measure, when it could not. */
  readonly problem: string | null;
}

export function calibrationRows(calibrations: readonly CalibrationResult[], records: readonly RequestRecord[]): CalibrationRow[] {
  const rows = new Map<string, CalibrationRow>();
  const key = (index: number, desiredMs: number): string => `${index}:${desiredMs}`;
  for (const calibration of calibrations) {
    for (const point of calibration.points) {
      rows.set(key(calibration.subExperimentIndex, point.desiredServiceTimeMs), {
        subExperimentIndex: calibration.subExperimentIndex,
        subExperiment: calibration.subExperiment,
        desiredServiceTimeMs: point.desiredServiceTimeMs,
        spinIncrements: point.spinIncrements,
        calibrationAchievedMs: point.achievedServiceTimeMs,
        timedBy: calibration.timedBy,
        runAchievedMedianMs: null,
        problem: calibration.problem,
      });
    }
  }
  for (const stats of statisticsRowsBy(records, 'desiredServiceTimeMs')) {
    if (stats.class !== 'all' || typeof stats.factorValue !== 'number') continue;
    const id = key(stats.subExperimentIndex, stats.factorValue);
    const existing = rows.get(id);
    rows.set(id, {
      subExperimentIndex: stats.subExperimentIndex,
      subExperiment: stats.subExperiment,
      desiredServiceTimeMs: stats.factorValue,
      spinIncrements: existing?.spinIncrements ?? null,
      calibrationAchievedMs: existing?.calibrationAchievedMs ?? null,
      timedBy: existing?.timedBy ?? null,
      runAchievedMedianMs: stats.achievedServiceTimeMedianMs,
      problem: existing?.problem ?? null,
    });
  }
  return [...rows.values()].sort((a, b) => a.subExperimentIndex - b.subExperimentIndex || a.desiredServiceTimeMs - b.desiredServiceTimeMs);
}
