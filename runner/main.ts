/**
 * `npm run bench` entry: the one place that touches process signals and the exit status.
 * The first SIGINT/SIGTERM stops the run cleanly (everything measured so far is written); a
 * second one ends the process at once.
 */
import { benchCli } from './cli/bench-cli.js';

const controller = new AbortController();
let signals = 0;
const onSignal = (name: NodeJS.Signals) => {
  signals += 1;
  if (signals > 1) process.exit(130);
  process.stderr.write(`\nfaasbench: ${name} received; finishing the requests in flight and writing results (again to quit at once)\n`);
  controller.abort(new Error(`interrupted by ${name}`));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

process.exitCode = await benchCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
// Handles left by a broken dependency must not keep a finished run alive.
setTimeout(() => process.exit(), 2000).unref();
