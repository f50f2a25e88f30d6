/** `npm run ci` entry: the workflows' logic (touched vendors, matrix, pull request comment). */
import { ciCli } from './ci/index.js';

process.exitCode = await ciCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, root: process.cwd() });
