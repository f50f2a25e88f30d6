import { describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { closedPrsFromGh, parseClosedPrs, selectLeftovers, sweepCli, type SweepRules } from '../../../pipeline/sweep/index.js';
import { PIPELINE_EXIT } from '../../../pipeline/summary/index.js';
import type { StackListing } from '../../../pipeline/stack/index.js';
import { fakePulumi } from '../fake-pulumi/fake-pulumi-root.js';

const NOW = new Date('2026-11-30T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const listing = (name: string, lastUpdate: Date | null, updateInProgress = false): StackListing => ({ name, lastUpdate, updateInProgress, resourceCount: 3 });
const rules = (over: Partial<SweepRules> = {}): SweepRules => ({ olderThanMs: 24 * 3_600_000, prefixes: ['bench-'], closedPrs: new Set(), stacks: new Set(), ...over });

describe('selectLeftovers', () => {
  const stacks = [
    listing('dev', hoursAgo(1000)),
    listing('bench-1-1-0', hoursAgo(30)),
    listing('bench-2-1-0', hoursAgo(2)),
    listing('bench-3-1-0', null),
    listing('pr-12-aws', hoursAgo(1)),
    listing('pr-13-gcp', hoursAgo(100)),
    listing('bench-4-1-0', hoursAgo(40), true),
    listing('bench-5-1-0', hoursAgo(1), true),
  ];

  it('sweeps old run stacks and previews of closed pull requests, and never names a stack it does not own', () => {
    const decisions = selectLeftovers(stacks, rules({ closedPrs: new Set([12]) }), NOW);
    expect(decisions.map((d) => [d.name, d.sweep, d.why, d.staleLock])).toEqual([
      ['bench-1-1-0', true, 'last updated 30 h ago, more than 24 h', false],
      ['bench-2-1-0', false, 'last updated 2 h ago', false],
      ['bench-3-1-0', false, 'age unknown', false],
      ['pr-12-aws', true, 'pull request #12 is closed', false],
      ['pr-13-gcp', false, 'pull request #13 is open (last updated 4 d ago)', false],
      // An old lock is a killed run's: cancel it, then destroy. A young one may be a run in progress.
      ['bench-4-1-0', true, 'last updated 40 h ago, more than 24 h', true],
      ['bench-5-1-0', false, 'last updated 1 h ago', false],
    ]);
  });

  it('sweeps a stack named on the command line whatever its age', () => {
    const decisions = selectLeftovers(stacks, rules({ olderThanMs: null, stacks: new Set(['bench-2-1-0']) }), NOW);
    expect(decisions.filter((d) => d.sweep).map((d) => d.name)).toEqual(['bench-2-1-0']);
  });
});

describe('closed pull requests', () => {
  it('reads gh JSON, a JSON list or one number a line', () => {
    expect([...parseClosedPrs('[{"number": 12}, {"number": 15}]', 'f')]).toEqual([12, 15]);
    expect([...parseClosedPrs('[3, 4]', 'f')]).toEqual([3, 4]);
    expect([...parseClosedPrs('7\n8\n', 'f')]).toEqual([7, 8]);
    expect(() => parseClosedPrs('[{"title": "x"}]', 'closed.json')).toThrow('closed.json holds {"title":"x"}, which is not a pull request number');
  });

  it('asks gh in CI, and says when gh failed', async () => {
    const calls: string[][] = [];
    const prs = await closedPrsFromGh(500, async (command, args) => {
      calls.push([command, ...args]);
      return { code: 0, stdout: '[{"number":9}]', stderr: '' };
    });
    expect([...prs]).toEqual([9]);
    expect(calls).toEqual([['gh', 'pr', 'list', '--state', 'closed', '--limit', '500', '--json', 'number']]);
    await expect(closedPrsFromGh(5, async () => ({ code: 4, stdout: '', stderr: 'gh: To use GitHub CLI in a GitHub Actions workflow, set the GH_TOKEN environment variable.' }))).rejects.toThrow(
      '`gh pr list` failed: gh: To use GitHub CLI',
    );
  });
});

describe('npm run sweep against a scripted Pulumi CLI', () => {
  it('destroys and removes the leftovers (clearing a stale lock), keeps the rest, and reports a stack it cannot destroy', async () => {
    const fake = await fakePulumi();
    const stack = (name: string, lastUpdate: Date) =>
      writeFile(path.join(fake.stateDir, `stack-${name}.json`), JSON.stringify({ name, config: {}, resources: 2, pid: null, outputs: {}, lastUpdate: lastUpdate.toISOString() }));
    await stack('dev', hoursAgo(500));
    await stack('bench-old-1-0', hoursAgo(30));
    await stack('bench-new-1-0', hoursAgo(1));
    await stack('bench-locked-1-0', hoursAgo(50));
    await writeFile(path.join(fake.stateDir, 'lock-bench-locked-1-0'), '1');
    await stack('pr-7-aws', hoursAgo(2));
    await stack('pr-8-aws', hoursAgo(2));
    await stack('bench-stuck-1-0', hoursAgo(48));
    await fake.setFaults({ failDestroy: ['bench-stuck-1-0'] });
    const closed = path.join(fake.workDir, 'closed.json');
    await writeFile(closed, '[{"number": 7}]');
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const status = await sweepCli(['--pulumi-root', fake.root, '--work-dir', fake.workDir, '--older-than', '24h', '--closed-prs', closed], {
      stdout,
      stderr: new PassThrough(),
      env: {},
      now: () => NOW,
    });
    expect(status).toBe(PIPELINE_EXIT.leftBehind);
    expect((await fake.stacks()).sort()).toEqual(['bench-new-1-0', 'bench-stuck-1-0', 'dev', 'pr-8-aws']);
    expect(out).toMatch(/bench-old-1-0\s+destroyed\s+last updated 30 h ago/);
    expect(out).toMatch(/pr-7-aws\s+destroyed\s+pull request #7 is closed/);
    expect(out).toMatch(/bench-locked-1-0\s+destroyed/);
    expect(out).toMatch(/bench-stuck-1-0\s+failed\s+last updated 2 d ago, more than 24 h; pulumi destroy failed: deleting function fb-x: AccessDeniedException/);
    expect(out).toContain(`cd ${fake.workDir} && ${fake.root}/bin/pulumi destroy --yes --skip-preview --stack bench-stuck-1-0 && ${fake.root}/bin/pulumi stack rm --yes bench-stuck-1-0`);
    expect(out).not.toContain('dev ');
    const calls = (await fake.calls()).map((c) => c.join(' '));
    expect(calls).toContain('cancel --yes --stack bench-locked-1-0');
  }, 60_000);

  it('needs to be told what to sweep', async () => {
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    expect(await sweepCli([], { stdout: new PassThrough(), stderr, env: {} })).toBe(PIPELINE_EXIT.usage);
    expect(err).toBe('faasbench sweep: Say what to sweep: --older-than, --closed-prs, --closed-prs-from-gh, --pr or --stack.\n');
  });
});
