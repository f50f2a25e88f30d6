/**
 * `npm run pipeline` entry: the one place that touches process signals and the exit status.
 * First SIGINT/SIGTERM/SIGHUP: stop the studies (what they measured is kept), start nothing new,
 * destroy every stack. Second: kill the studies and go straight to destroying. A third quits at
 * once, printing the commands that destroy what is still up. The same signal again within 150 ms
 * is one interruption (a terminal's Ctrl-C reaches the process group, and npm relays a copy).
 */
import { createSignalStages } from '../runner/cli/signal-stages.js';
import { pipelineCli } from './cli/pipeline-cli.js';
import { LiveStacks } from './run/index.js';

const soft = new AbortController();
const hard = new AbortController();
const live = new LiveStacks();
const stageOf = createSignalStages();
let firstSignal: string | null = null;

for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

const onSignal = (name: NodeJS.Signals) => {
  const stage = stageOf(name, performance.now());
  if (stage === 'duplicate') return;
  if (stage === 'stop') {
    firstSignal = name;
    process.stderr.write(`\nfaasbench pipeline: ${name}: stopping the studies (keeping what they measured), then destroying every stack (again to kill the studies)\n`);
    soft.abort(new Error(`interrupted by ${name}`));
  } else if (stage === 'abort') {
    process.stderr.write(`\nfaasbench pipeline: ${name}: killing the studies; destroying every stack (again to quit without destroying)\n`);
    hard.abort(new Error(`killed by ${name}`));
  } else {
    const left = live.entries();
    process.stderr.write(`\nfaasbench pipeline: quitting; ${left.length} stack${left.length === 1 ? '' : 's'} may be left. Finish with:\n`);
    for (const [, commands] of left) process.stderr.write(`  ${commands}\n`);
    process.exit(3);
  }
};
for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(name, () => onSignal(name));

process.exitCode = await pipelineCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  live,
  // A terminal's Ctrl-C reaches the Pulumi CLI too (same process group); SIGTERM reaches only us.
  stops: { soft: soft.signal, hard: hard.signal, cliSawSoftStop: () => firstSignal === 'SIGINT' && process.stdin.isTTY === true },
});
setTimeout(() => process.exit(), 2000).unref();
