export { describeUnit, runUnit, type Stops, type UnitContext } from './run-unit.js';
export { runUnits } from './run-units.js';
export type { ConformanceSummary, Destroyed, UnitResult, UnitStatus } from './unit-result.js';
export { LiveStacks } from './live-stacks.js';
