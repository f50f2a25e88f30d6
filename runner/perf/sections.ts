import { measureAddedLatency } from './added-latency.js';
import { measureBurstSpread } from './burst-spread.js';
import { formatLatency, formatSchedule, formatSpacedLatency, formatSpread } from './report.js';
import { measureScheduleError } from './schedule-error.js';
import type { PerfSection } from './section.js';
import { measureSpacedLatency } from './spaced-latency.js';

/** The dispatch sections of `npm run perf`: how much the runner adds to what it measures. */

const LATENCY_REQUESTS = 2000;
const LATENCY_WARM_UP = 200;
const SPACED_REQUESTS = 200;
const SPACING_MS = 100;
const SCHEDULE_ROUNDS = 300;
const SCHEDULE_IAT_MS = 100;
const BURSTS = 10;
const BURST_WARM_UP = 2;

export const addedLatencySection: PerfSection = {
  name: 'latency',
  description: `added latency, back to back: runner probe vs raw node:http, ${LATENCY_REQUESTS} requests each (~5 s)`,
  run: async ({ responder, dispatch }) => formatLatency(await measureAddedLatency((await responder()).url, dispatch, LATENCY_REQUESTS, LATENCY_WARM_UP)),
};

export const spacedLatencySection: PerfSection = {
  name: 'spaced',
  description: `added latency, spaced: the run path vs a bare client, one request every ${SPACING_MS} ms each, ${SPACED_REQUESTS} each (~${Math.round((SPACED_REQUESTS * SPACING_MS) / 1000)} s)`,
  run: async ({ responder }) => formatSpacedLatency(await measureSpacedLatency(await responder(), SPACED_REQUESTS, SPACING_MS)),
};

export const scheduleSection: PerfSection = {
  name: 'schedule',
  description: `schedule error at the responder: runner run path vs a setTimeout loop, ${SCHEDULE_ROUNDS} requests at ${SCHEDULE_IAT_MS} ms each (~${Math.round((2 * SCHEDULE_ROUNDS * SCHEDULE_IAT_MS) / 1000)} s)`,
  run: async ({ responder }) => formatSchedule(await measureScheduleError(await responder(), SCHEDULE_ROUNDS, SCHEDULE_IAT_MS)),
};

export const burstSection: PerfSection = {
  name: 'bursts',
  description: `dispatch and sent spread of bursts of 100 and 1000, runner vs a raw loop, ${BURSTS} bursts each (~3 s)`,
  run: async ({ responder, dispatch }) => {
    const { url } = await responder();
    const blocks: string[] = [];
    for (const size of [100, 1000]) blocks.push(formatSpread(await measureBurstSpread(url, dispatch, size, BURSTS, BURST_WARM_UP)));
    return blocks.join('\n\n');
  },
};
