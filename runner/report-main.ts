/**
 * `npm run report -- <run folder>...` entry: the one place that sets the report command's exit status.
 * Bad input prints one line and exits 2; see runner/report/report-cli.ts.
 */
import { reportCli } from './report/index.js';

process.exitCode = await reportCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
