/**
 * Child-process entry of the scale benchmark: builds the report of one run folder, exactly as
 * `npm run report` does, then prints one JSON line with its wall time and the process's peak
 * resident memory. A process of its own so each row count's peak is its own, not the largest so far.
 */
import { buildRunReport } from '../report/index.js';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: scale-child.ts <run folder>');
const startedMs = performance.now();
await buildRunReport(dir);
const wallMs = performance.now() - startedMs;
// maxRSS is in KiB.
process.stdout.write(`${JSON.stringify({ wallMs, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
