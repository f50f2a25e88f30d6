/**
 * `npm run conformance` entry: checks deployed endpoints against the measurement contract.
 * A first SIGINT/SIGTERM skips the checks not yet run and prints what was found; a second quits.
 */
import { conformanceCli } from './conformance/index.js';

const controller = new AbortController();
let signals = 0;
const onSignal = (name: NodeJS.Signals) => {
  signals += 1;
  if (signals > 1) process.exit(130);
  process.stderr.write(`\nconformance: ${name}: skipping the checks not yet run (again to quit at once)\n`);
  controller.abort(new Error(`interrupted by ${name}`));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

process.exitCode = await conformanceCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, signal: controller.signal });
setTimeout(() => process.exit(), 2000).unref();
