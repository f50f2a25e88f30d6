import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { ciCli, prComment, touchedVendors, vendorFolders } from '../../../pipeline/ci/index.js';
import { COMMENT_MARKER } from '../../../pipeline/summary/index.js';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString()));
  return { stream, text: () => text };
}

/** A checkout with the given vendor folders (each with capabilities.ts) and smoke experiments. */
async function checkout(vendors: string[], smoke: string[]): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-ci-'));
  for (const vendor of vendors) {
    await mkdir(path.join(root, 'infra', vendor), { recursive: true });
    await writeFile(path.join(root, 'infra', vendor, 'capabilities.ts'), 'export {};\n');
  }
  await mkdir(path.join(root, 'infra', 'packaging'), { recursive: true });
  for (const vendor of smoke) {
    await mkdir(path.join(root, 'experiments', vendor), { recursive: true });
    await writeFile(path.join(root, 'experiments', vendor, 'smoke.json'), '{}');
    await writeFile(path.join(root, 'experiments', vendor, 'cold-baseline.json'), '{}');
  }
  return root;
}

describe('touched vendors', () => {
  it('maps changed paths to the vendors whose infra, function or experiments changed', () => {
    const vendors = ['aws', 'azure', 'cloudflare', 'gcp'];
    expect(touchedVendors(vendors, ['infra/aws/deploy.ts', 'README.md', 'measurement-functions/core/instance.ts', 'runner/main.ts'])).toEqual(['aws']);
    expect(touchedVendors(vendors, ['measurement-functions/gcp/main.py', 'experiments/cloudflare/cold-baseline.json', 'infra/packaging/zip.ts'])).toEqual(['cloudflare', 'gcp']);
    expect(touchedVendors(vendors, ['experiments/quickstart.json', 'infra/local/gateway.ts', 'infra/stack.ts'])).toEqual([]);
  });

  it('finds the vendors of this checkout by their infra folders, the local platform left out', async () => {
    expect(await vendorFolders('.')).toEqual(['aws', 'azure', 'cloudflare', 'gcp']);
  });

  it('picks up a new vendor folder with no list to edit, and insists on its smoke experiment', async () => {
    const root = await checkout(['aws', 'local', 'newcloud'], ['aws', 'newcloud']);
    const changed = path.join(root, 'changed.txt');
    await writeFile(changed, 'measurement-functions/newcloud/handler.ts\ninfra/local/gateway.ts\n');
    const out = capture();
    const github = path.join(root, 'github-output');
    expect(await ciCli(['touched-vendors', '--changed', changed, '--github-output', github], { stdout: out.stream, stderr: capture().stream, root })).toBe(0);
    expect(out.text()).toBe('["newcloud"]\n');
    expect(await readFile(github, 'utf8')).toBe('vendors=["newcloud"]\ncount=1\n');

    const bare = await checkout(['aws', 'othercloud'], ['aws']);
    await writeFile(path.join(bare, 'changed.txt'), 'infra/othercloud/index.ts\n');
    const err = capture();
    expect(await ciCli(['touched-vendors', '--changed', path.join(bare, 'changed.txt')], { stdout: capture().stream, stderr: err.stream, root: bare })).toBe(2);
    expect(err.text()).toBe(
      'faasbench ci: Vendor othercloud (infra/othercloud/) has no smoke experiment experiments/othercloud/smoke.json; every vendor needs one for its preview (see README, "Adding a vendor").\n',
    );
  });

  it('asks git for the paths a pull request changed since its base', async () => {
    const calls: string[][] = [];
    const out = capture();
    await ciCli(['touched-vendors', '--base', 'b0', '--head', 'h1'], {
      stdout: out.stream,
      stderr: capture().stream,
      root: '.',
      changedPaths: async (base, head) => {
        calls.push([base, head]);
        return ['infra/azure/deploy.ts'];
      },
    });
    expect(calls).toEqual([['b0', 'h1']]);
    expect(out.text()).toBe('["azure"]\n');
  });
});

describe('benchmark matrix', () => {
  it('lists every study of the enabled vendors, no smoke experiments, nothing when no vendor is enabled', async () => {
    const root = await checkout(['aws', 'gcp'], ['aws', 'gcp']);
    const out = capture();
    const github = path.join(root, 'out');
    expect(await ciCli(['bench-matrix', '--vendors', 'gcp', '--github-output', github], { stdout: out.stream, stderr: capture().stream, root })).toBe(0);
    expect(JSON.parse(out.text())).toEqual({ include: [{ experiment: 'experiments/gcp/cold-baseline.json', vendor: 'gcp' }] });
    expect(await readFile(github, 'utf8')).toMatch(/^matrix=\{"include":\[.*\]\}\ncount=1\n$/);
    const none = capture();
    await ciCli(['bench-matrix', '--vendors', ''], { stdout: none.stream, stderr: capture().stream, root });
    expect(none.text()).toBe('{"include":[]}\n');
    const err = capture();
    expect(await ciCli(['bench-matrix', '--vendors', 'ibm'], { stdout: capture().stream, stderr: err.stream, root })).toBe(2);
    expect(err.text()).toBe('faasbench ci: --vendors names ibm, which is not a vendor; the vendors are aws, gcp.\n');
  });

  it('takes the experiments asked for on a manual run', async () => {
    const out = capture();
    await ciCli(['bench-matrix', '--experiments', 'experiments/aws/warm-baseline.json, experiments/gcp/runtimes.json'], { stdout: out.stream, stderr: capture().stream, root: '.' });
    expect(JSON.parse(out.text())).toEqual({
      include: [
        { experiment: 'experiments/aws/warm-baseline.json', vendor: 'aws' },
        { experiment: 'experiments/gcp/runtimes.json', vendor: 'gcp' },
      ],
    });
  });
});

describe('pull request comment', () => {
  it('joins each vendor summary into one marked comment and names a vendor without one', async () => {
    const text = prComment({
      pr: 12,
      sha: 'abcdef1234567',
      vendors: ['aws', 'gcp'],
      summaries: new Map([['aws', `${COMMENT_MARKER}\n### faasbench: pr-12-aws\n\n| stack |\n`]]),
      runUrl: 'https://github.com/o/r/actions/runs/1',
    });
    expect(text.startsWith(`${COMMENT_MARKER}\n## faasbench preview of #12 (abcdef1)\n`)).toBe(true);
    expect(text.split(COMMENT_MARKER)).toHaveLength(2);
    expect(text).toContain('### faasbench: pr-12-aws');
    expect(text).toContain('### gcp\n\n**No summary:** the preview job of gcp failed before it wrote one');
  });

  it('reads the summaries from the downloaded artifacts', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-ci-'));
    await mkdir(path.join(root, 'previews', 'preview-aws', 'summaries'), { recursive: true });
    await writeFile(path.join(root, 'previews', 'preview-aws', 'summaries', 'aws.md'), `${COMMENT_MARKER}\n### aws summary\n`);
    const out = capture();
    const file = path.join(root, 'comment.md');
    await ciCli(['pr-comment', '--pr', '3', '--sha', '0123456789', '--vendors', '["aws"]', '--summaries', path.join(root, 'previews'), '--out', file], { stdout: out.stream, stderr: capture().stream, root: '.' });
    expect(out.text()).toBe(`${file}: 1 of 1 vendor summaries\n`);
    expect(await readFile(file, 'utf8')).toContain('### aws summary');
  });
});
