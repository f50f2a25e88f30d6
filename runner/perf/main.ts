/**
 * `npm run perf`: how much the runner adds to what it measures, on loopback against a responder
 * in a child process. Prints figures and whether the aims are met; the aims never fail the
 * process (a loaded machine is not a bug). Bounded: well under a minute on two cores.
 */
import { createAgentPool, createRunClock, type DispatchContext } from '../dispatch/index.js';
import { measureAddedLatency } from './added-latency.js';
import { measureBurstSpread } from './burst-spread.js';
import { gotSection } from './got-comparison.js';
import { packagingSection } from './packaging.js';
import { formatLatency, formatSpread } from './report.js';
import { startResponder } from './responder.js';
import { scaleSection } from './scale.js';

const LATENCY_REQUESTS = 2000;
const LATENCY_WARM_UP = 200;
const BURSTS = 10;
const BURST_WARM_UP = 2;

async function main(): Promise<void> {
  // `npm run perf -- scale`: the report at scale (scale.ts) instead of the loopback sections.
  if (process.argv.slice(2).includes(scaleSection.name)) return void process.stdout.write(`${await scaleSection.run()}\n`);
  const responder = await startResponder();
  const agents = createAgentPool();
  const context: DispatchContext = { clock: createRunClock(), agents };
  const startedMs = performance.now();
  try {
    process.stdout.write(`faasbench perf: Node ${process.version}, loopback, responder in a child process\n\n`);
    process.stdout.write(`${formatLatency(await measureAddedLatency(responder.url, context, LATENCY_REQUESTS, LATENCY_WARM_UP))}\n\n`);
    for (const size of [100, 1000]) {
      process.stdout.write(`${formatSpread(await measureBurstSpread(responder.url, context, size, BURSTS, BURST_WARM_UP))}\n\n`);
    }
    process.stdout.write(`${await gotSection(responder.url)}\n\n`);
    process.stdout.write(`${await packagingSection()}\n\n`);
    process.stdout.write(`(took ${((performance.now() - startedMs) / 1000).toFixed(1)} s)\n`);
  } finally {
    agents.destroy();
    responder.stop();
  }
}

try {
  await main();
} catch (error) {
  process.stderr.write(`perf: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
}
