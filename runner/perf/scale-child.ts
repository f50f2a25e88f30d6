/**
 * Child-process entry of the scale benchmark: `<run folder> [report|resume]`. `report` (the
 * default) builds the report of one run folder, exactly as `npm run report` does; `resume` reads
 * its rows as `--resume` does before sending anything (scale-resume.ts). Then prints one JSON line
 * with the wall time, the process's peak resident memory, and for `resume` what it found. A
 * process of its own so each measurement's peak is its own, not the largest so far.
 */
import { buildRunReport } from '../report/index.js';
import { prepareScaleResume } from './scale-resume.js';

const dir = process.argv[2];
const mode = process.argv[3] ?? 'report';
if (dir === undefined || (mode !== 'report' && mode !== 'resume')) throw new Error('usage: scale-child.ts <run folder> [report|resume]');
const startedMs = performance.now();
const found = mode === 'report' ? (await buildRunReport(dir), {}) : await prepareScaleResume(dir);
const wallMs = performance.now() - startedMs;
// maxRSS is in KiB.
process.stdout.write(`${JSON.stringify({ wallMs, peakRssMb: process.resourceUsage().maxRSS / 1024, ...found })}\n`);
