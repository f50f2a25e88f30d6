import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadExperimentFile, UserError } from '../../experiments/schema/index.js';
import type { ExperimentOutput, StackOutputs } from '../../infra/outputs.js';
import { startLocalEndpoints } from '../bench/local-endpoints.js';
import { endpointsFor } from '../endpoints/match.js';
import { readOutputsFile } from '../endpoints/outputs-file.js';
import { readPulumiStack } from '../endpoints/pulumi-stack.js';
import { type ConformanceReport, runConformance } from './run-conformance.js';
import { conformanceJson, conformanceMarkdown, conformanceText } from './table.js';

export const CONFORMANCE_USAGE = `Usage: npm run conformance -- [--stack NAME | --outputs FILE] [EXPERIMENT.json ...]

Checks every deployed endpoint against the measurement contract and prints a pass/fail table per
endpoint and check. Endpoints come from the stack (--stack, or the selected one) or a saved
\`pulumi stack output --json --show-secrets\` (--outputs); experiment files narrow them to those
experiments. A file with vendor "local" is deployed on the local platform and checked there.
Exit status: 0 every check passed (or was skipped with a reason), 1 a check failed, 2 bad input.

  --stack NAME       endpoints of this Pulumi stack
  --outputs FILE     endpoints from a saved outputs file
  --json FILE        also write the report as JSON
  --markdown FILE    also write the table as Markdown
  -h, --help         this text`;

export interface ConformanceIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly signal: AbortSignal;
}

export async function conformanceCli(argv: readonly string[], io: ConformanceIo): Promise<number> {
  const stops: (() => Promise<void>)[] = [];
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...argv],
        allowPositionals: true,
        strict: true,
        options: { stack: { type: 'string' }, outputs: { type: 'string' }, json: { type: 'string' }, markdown: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      });
    } catch (error) {
      throw new UserError(`${(error as Error).message.replace(/\.$/, '')}; run \`npm run conformance -- --help\` for the options.`);
    }
    const { values, positionals } = parsed;
    if (values.help === true) {
      io.stdout.write(`${CONFORMANCE_USAGE}\n`);
      return 0;
    }
    if (values.stack !== undefined && values.outputs !== undefined) throw new UserError('--outputs and --stack both name where endpoints come from; give one of them.');

    let deployed: { outputs: StackOutputs; source: string } | null = null;
    const deployedOutputs = async () => {
      if (deployed !== null) return deployed;
      if (values.outputs !== undefined) return (deployed = { outputs: await readOutputsFile(values.outputs), source: `outputs file ${values.outputs}` });
      const lookup = await readPulumiStack(values.stack ?? null);
      if (!lookup.found) throw new UserError(`No endpoints to check: ${lookup.why}; give --stack NAME, --outputs FILE, or a local experiment file.`);
      return (deployed = { outputs: lookup.outputs, source: `Pulumi stack ${lookup.stack}` });
    };

    // Local endpoints share this machine's CPU: checked one at a time, so their spins do not compete.
    const groups: { experiments: ExperimentOutput[]; token: string; concurrency: number }[] = [];
    if (positionals.length === 0) {
      const { outputs } = await deployedOutputs();
      groups.push({ experiments: outputs.experiments, token: outputs.token, concurrency: 4 });
    }
    for (const file of positionals) {
      const experiment = await loadExperimentFile(file, { drawSeed: () => 0 });
      if (experiment.vendor === 'local') {
        io.stderr.write(`conformance: ${file}: deploying on the local platform\n`);
        const local = await startLocalEndpoints(experiment);
        stops.push(async () => {
          await local.stop();
        });
        groups.push({ experiments: [local.endpoints], token: local.token, concurrency: 1 });
      } else {
        const { outputs, source } = await deployedOutputs();
        groups.push({ experiments: [endpointsFor(experiment, outputs, source)], token: outputs.token, concurrency: 4 });
      }
    }

    const reports: ConformanceReport[] = [];
    for (const group of groups) reports.push(await runConformance({ ...group, signal: io.signal }));
    const report: ConformanceReport = { endpoints: reports.flatMap((r) => r.endpoints), passed: reports.every((r) => r.passed), checks: reports[0]?.checks ?? [] };
    io.stdout.write(`${conformanceText(report)}\n`);
    if (values.json !== undefined) await writeFile(values.json, conformanceJson(report));
    if (values.markdown !== undefined) await writeFile(values.markdown, `${conformanceMarkdown(report)}\n`);
    return report.passed ? 0 : 1;
  } catch (error) {
    if (UserError.is(error)) {
      io.stderr.write(`faasbench conformance: ${error.message}\n`);
      return 2;
    }
    io.stderr.write(`faasbench conformance: internal error (please report it): ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  } finally {
    for (const stop of stops) await stop();
  }
}
