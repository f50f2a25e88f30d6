import { describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { pipelineCli } from '../../../pipeline/cli/pipeline-cli.js';
import type { PipelineUnit } from '../../../pipeline/plan/units.js';
import type { UnitResult } from '../../../pipeline/run/index.js';
import { COMMENT_MARKER, formatSummary, PIPELINE_EXIT, pipelineExitStatus, summaryJson, summaryMarkdown } from '../../../pipeline/summary/index.js';

const unit: PipelineUnit = { index: 0, sourceFile: 'experiments/aws/cold-baseline.json', title: 'cold-baseline', vendor: 'aws', subExperiments: ['cold'], subExperimentIndex: null };
const result = (over: Partial<UnitResult>): UnitResult => ({
  unit,
  stack: 'bench-9-1-0',
  status: 'completed',
  problem: null,
  destroyed: 'yes',
  finishCommands: null,
  dir: '/r/bench-9-1-0',
  study: {
    runDir: '/r/bench-9-1-0/cold-baseline/run-1',
    runId: 'run-1',
    status: 'completed',
    reason: null,
    requests: 100,
    errors: 2,
    reportPath: '/r/bench-9-1-0/cold-baseline/run-1/report.html',
    readiness: { ready: true, endpoints: 2, readyEndpoints: 2, requests: 5, waitedMs: 4200, problem: null },
    statistics: [
      { subExperiment: 'cold', class: 'all', count: 98, errors: 2, p50Ms: 300.25, p99Ms: 812 },
      { subExperiment: 'cold', class: 'cold', count: 90, errors: 2, p50Ms: 310.5, p99Ms: 812 },
      { subExperiment: 'cold', class: 'warm', count: 8, errors: 0, p50Ms: 20, p99Ms: null },
    ],
  },
  conformance: null,
  durationsMs: { up: 1000, study: 2000, destroy: 500 },
  ...over,
});

describe('exit status', () => {
  it('tells success, a failure and a stack left behind apart', () => {
    expect(pipelineExitStatus([result({})], false)).toBe(PIPELINE_EXIT.ok);
    expect(pipelineExitStatus([result({}), result({ status: 'study failed' })], false)).toBe(PIPELINE_EXIT.failed);
    expect(pipelineExitStatus([result({ status: 'interrupted' })], true)).toBe(PIPELINE_EXIT.interrupted);
    // A stack left behind outranks everything, an interrupt included.
    expect(pipelineExitStatus([result({ destroyed: 'no' }), result({ status: 'up failed' })], true)).toBe(PIPELINE_EXIT.leftBehind);
    // A preview stack kept on purpose is not left behind.
    expect(pipelineExitStatus([result({ destroyed: 'kept' })], false)).toBe(PIPELINE_EXIT.ok);
  });
});

describe('summary', () => {
  it('prints the table, what broke, and the commands for a stack left behind', () => {
    const text = formatSummary(
      [result({}), result({ stack: 'bench-9-1-1', status: 'up failed', problem: 'pulumi up failed: quota', study: null, destroyed: 'no', finishCommands: 'cd /p && pulumi destroy --yes --skip-preview --stack bench-9-1-1 && pulumi stack rm --yes bench-9-1-1' })],
      '/r',
    );
    expect(text.split('\n')).toEqual([
      'stack        experiment     status     requests  errors  report                                       destroyed',
      '-----------  -------------  ---------  --------  ------  -------------------------------------------  ---------',
      'bench-9-1-0  cold-baseline  completed  100       2       bench-9-1-0/cold-baseline/run-1/report.html  yes',
      'bench-9-1-1  cold-baseline  up failed  –         –       –                                            no',
      '',
      'bench-9-1-0: 2 of 2 endpoints ready after 4.2 s (5 readiness requests, not measured)',
      '',
      'bench-9-1-1: up failed: pulumi up failed: quota',
      '',
      '1 stack was NOT destroyed. Finish the job with:',
      '  cd /p && pulumi destroy --yes --skip-preview --stack bench-9-1-1 && pulumi stack rm --yes bench-9-1-1',
    ]);
  });

  it('writes Markdown for the pull request comment, with the cold and warm latency of each study', () => {
    const markdown = summaryMarkdown([result({ conformance: { passed: true, text: 't', markdown: '| endpoint | shape |\n|---|---|\n| cold/0 | pass |' } })], '/r', 'faasbench preview');
    expect(markdown.startsWith(`${COMMENT_MARKER}\n### faasbench preview\n`)).toBe(true);
    expect(markdown).toContain('| bench-9-1-0 | cold-baseline | completed | 100 | 2 | bench-9-1-0/cold-baseline/run-1/report.html | yes |');
    expect(markdown).toContain('#### Conformance of bench-9-1-0\n\n| endpoint | shape |');
    expect(markdown).toContain('| cold | cold | 90 | 2 | 310.5 | 812.0 |\n| cold | warm | 8 | 0 | 20.0 | – |');
    expect(markdown).not.toContain('| cold | all |');
    const json = JSON.parse(summaryJson([result({})])) as { units: { stack: string; runId: string; readiness: { waitedMs: number } }[] };
    expect(json.units[0]).toMatchObject({ stack: 'bench-9-1-0', runId: 'run-1', readiness: { waitedMs: 4200 } });
  });
});

describe('pipeline options', () => {
  async function run(argv: string[]) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    stderr.on('data', (c: Buffer) => (err += c.toString()));
    const never = new AbortController().signal;
    const status = await pipelineCli(argv, { stdout, stderr, env: { GITHUB_RUN_ID: '777', GITHUB_RUN_ATTEMPT: '2', FAASBENCH_STACK_CONFIG: '{"aws":{"region":"eu-west-1"}}' }, stops: { soft: never, hard: never, cliSawSoftStop: () => false } });
    return { status, out, err };
  }

  it('plans stacks without creating anything on --dry-run, names from the CI run, attempt and unit', async () => {
    const { status, out } = await run(['--dry-run', '--split', '--shard', '2/2', 'experiments/aws/cold-baseline.json', 'experiments/aws/warm-baseline.json']);
    expect(status).toBe(PIPELINE_EXIT.ok);
    expect(out).toMatch(/^bench-777-2-1: warm-baseline-aws \/ \S+ \(aws, experiments\/aws\/warm-baseline.json\)\n {2}faasbench:experiments\[0\] = experiments\/aws\/warm-baseline.json\n {2}faasbench:aws.region = eu-west-1\n/);
  });

  it('refuses bad options and names that collide, in one sentence, exit 2', async () => {
    expect(await run([])).toMatchObject({ status: PIPELINE_EXIT.usage, err: 'faasbench pipeline: Name at least one experiment file, e.g. `npm run pipeline -- experiments/aws/cold-baseline.json`.\n' });
    expect(await run(['--stack-name', 'pr-1-{vendor}', 'experiments/aws/cold-baseline.json', 'experiments/aws/warm-baseline.json'])).toMatchObject({
      status: PIPELINE_EXIT.usage,
      err: 'faasbench pipeline: --stack-name pr-1-{vendor} gives the name pr-1-aws to two stacks; add {unit} (or {vendor}) to it.\n',
    });
    expect((await run(['--parallel', '0', 'x.json'])).err).toBe('faasbench pipeline: --parallel 0 is not allowed: give a whole number from 1 to 64.\n');
    expect((await run(['--bogus', 'x.json'])).err).toMatch(/^faasbench pipeline: Unknown option '--bogus'.*; run `npm run pipeline -- --help` for the options.\n$/);
  });
});
