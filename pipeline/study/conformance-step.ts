import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readOutputsFile } from '../../runner/endpoints/outputs-file.js';
import { conformanceJson, conformanceMarkdown, conformanceText, runConformance } from '../../runner/conformance/index.js';
import type { ConformanceSummary } from '../run/unit-result.js';

/**
 * The pipeline's conformance step (--conformance): the suite on every endpoint the stack deployed,
 * in process (its requests are untimed), with its table and details kept next to the results
 * (conformance.txt, .md, .json).
 */
export async function conformanceStep(outputsFile: string, dir: string, signal: AbortSignal): Promise<ConformanceSummary> {
  const outputs = await readOutputsFile(outputsFile);
  const report = await runConformance({ experiments: outputs.experiments, token: outputs.token, signal });
  const text = conformanceText(report);
  const markdown = conformanceMarkdown(report);
  await writeFile(path.join(dir, 'conformance.txt'), `${text}\n`);
  await writeFile(path.join(dir, 'conformance.md'), `${markdown}\n`);
  await writeFile(path.join(dir, 'conformance.json'), conformanceJson(report));
  return { passed: report.passed, text, markdown };
}
