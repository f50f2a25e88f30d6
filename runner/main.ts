/**
 * `npm run bench` entry: the one place that touches process signals and the exit status.
 *
 * Stopping never loses the finish: every row is written, then statistics, plots and report.
 * - The first SIGINT, SIGTERM or SIGHUP stops scheduling; requests in flight run to their end
 *   (at most requestTimeoutMs).
 * - A second one ends the requests in flight at once, as ABORTED rows, then writes everything.
 * - Later ones are noted and ignored; only SIGKILL ends the process at once (then `--resume`).
 * The same signal again within 150 ms is the same interruption: a Ctrl-C reaches the whole
 * foreground group, and npm relays its copy to the runner as well (cli/signal-stages.ts).
 * If the parent dies (npm killed, a CI step timing out) the runner is re-parented: that counts as
 * a SIGTERM, since nobody is left to wait for the run.
 */
import { benchCli } from './cli/bench-cli.js';
import { createSignalStages } from './cli/signal-stages.js';

const PARENT_CHECK_MS = 250;

// A closed stdout or stderr (`npm run bench | head -c 1`, a terminal gone) must not crash the run or
// print a stack trace: the console is a courtesy, the files are the results.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

const stop = new AbortController();
const hardStop = new AbortController();
const stageOf = createSignalStages();

const say = (text: string) => process.stderr.write(`\nfaasbench: ${text}\n`);

/** `name` is the signal, or what stands for one; `what` says what happened. */
const onSignal = (name: string, what = `${name} received`) => {
  const stage = stageOf(name, performance.now());
  if (stage === 'duplicate') return;
  if (stage === 'stop') {
    say(`${what}: no further bursts; waiting for the requests in flight, then writing results (Ctrl-C again to end them now as ABORTED)`);
    stop.abort(new Error(`interrupted by ${name}`));
  } else if (stage === 'abort') {
    say(`${what} again: ending the requests in flight as ABORTED, then writing results`);
    hardStop.abort(new Error(`interrupted by ${name}`));
  } else {
    say(`${what}: already stopping, and nothing measured is lost; kill -9 ends at once (then --resume continues the run)`);
  }
};
for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(name, () => onSignal(name));

const parentAtStart = process.ppid;
const parentWatch = setInterval(() => {
  if (process.ppid === parentAtStart) return;
  clearInterval(parentWatch);
  onSignal('the end of the parent process', `the parent process (${parentAtStart}) ended`);
}, PARENT_CHECK_MS);
parentWatch.unref();

process.exitCode = await benchCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  signal: stop.signal,
  hardSignal: hardStop.signal,
});
clearInterval(parentWatch);
// Handles left by a broken dependency must not keep a finished run alive.
setTimeout(() => process.exit(), 2000).unref();
