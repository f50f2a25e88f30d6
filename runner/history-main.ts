/** `npm run history` entry: merge runs into a history store, build its static site. */
import { historyCli } from './history/index.js';

process.exitCode = await historyCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
