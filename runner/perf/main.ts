/**
 * `npm run perf [-- <section> ...]`: how much the runner adds to what it measures, on loopback
 * against a responder in a child process. Prints figures and whether the aims are met; the aims
 * never fail the process (a loaded machine is not a bug). Every section by default, or the ones
 * named; `--list` names them. Bounded: about two minutes for the default ones on two cores (scale only when named).
 *
 * A new section is a PerfSection (section.ts) added to DEFAULT_SECTIONS or SECTIONS below.
 */
import { createAgentPool, createRunClock } from '../dispatch/index.js';
import { type Responder, startResponder } from './responder.js';
import type { PerfContext, PerfSection } from './section.js';
import { gotSection } from './got-comparison.js';
import { packagingSection } from './packaging.js';
import { scaleSection } from './scale.js';
import { addedLatencySection, burstSection, scheduleSection, spacedLatencySection } from './sections.js';

/** What a bare `npm run perf` runs, in order. */
const DEFAULT_SECTIONS: readonly PerfSection[] = [addedLatencySection, spacedLatencySection, scheduleSection, burstSection, gotSection, packagingSection];
/** Run only when named: the scale section takes minutes and measures the report and the resume preparation, not the runner. */
const SECTIONS: readonly PerfSection[] = [...DEFAULT_SECTIONS, scaleSection];

function selectSections(argv: readonly string[]): readonly PerfSection[] | 'list' {
  if (argv.includes('--list')) return 'list';
  if (argv.length === 0) return DEFAULT_SECTIONS;
  const unknown = argv.filter((name) => !SECTIONS.some((section) => section.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`perf: no section ${unknown.join(', ')}; the sections are ${SECTIONS.map((s) => s.name).join(', ')} (npm run perf -- --list).\n`);
    process.exit(2);
  }
  return SECTIONS.filter((section) => argv.includes(section.name));
}

async function main(): Promise<void> {
  const selected = selectSections(process.argv.slice(2));
  if (selected === 'list') {
    for (const section of SECTIONS) process.stdout.write(`${section.name.padEnd(12)}${section.description}\n`);
    return;
  }
  const started: { responder: Promise<Responder> | null } = { responder: null };
  const agents = createAgentPool();
  const context: PerfContext = { responder: () => (started.responder ??= startResponder()), dispatch: { clock: createRunClock(), agents } };
  const startedMs = performance.now();
  try {
    process.stdout.write(`faasbench perf: Node ${process.version}, loopback, responder in a child process\n\n`);
    for (const section of selected) process.stdout.write(`${await section.run(context)}\n\n`);
    process.stdout.write(`(took ${((performance.now() - startedMs) / 1000).toFixed(1)} s)\n`);
  } finally {
    agents.destroy();
    if (started.responder !== null) (await started.responder).stop();
  }
}

try {
  await main();
} catch (error) {
  process.stderr.write(`perf: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
}
