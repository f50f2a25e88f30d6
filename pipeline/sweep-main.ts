/** `npm run sweep` entry: destroys leftover faasbench stacks; see pipeline/sweep/sweep-cli.ts. */
import { sweepCli } from './sweep/index.js';

process.exitCode = await sweepCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
setTimeout(() => process.exit(), 2000).unref();
