export { createRng, type Rng } from './rng.js';
export { iatMoments, sampleIatMs, type IatMoments } from './iat.js';
export { planSubExperiment, type PlannedBurst, type SubExperimentPlan } from './plan.js';
export { planRounds } from './rounds.js';
