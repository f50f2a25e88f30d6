import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../experiments/schema/index.js';
import { benchMatrix } from './bench-matrix.js';
import { prComment } from './pr-comment.js';
import { touchedVendors } from './touched-vendors.js';
import { smokeExperiment, vendorFolders } from './vendor-folders.js';

export const CI_USAGE = `Usage: npm run ci -- COMMAND [options]   (the workflows' logic, testable offline)

  touched-vendors --base SHA --head SHA | --changed FILE
      the vendors a pull request changes, as a JSON list (\`vendors=[...]\` and \`count=N\` lines
      with --github-output FILE); every vendor must have experiments/<vendor>/smoke.json
  bench-matrix [--vendors aws,gcp] [--experiments a.json,b.json]
      the scheduled benchmark's matrix as JSON ({"include": [...]}), \`matrix=\` and \`count=\`
      lines with --github-output FILE
  pr-comment --pr N --sha SHA --vendors JSON --summaries DIR --out FILE [--run-url URL]
      one pull request comment from each vendor's summary (DIR/**/<vendor>.md)`;

export interface CiIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** The repository root (infra/, experiments/). */
  readonly root: string;
  /** `git diff --name-only` between two commits; injectable for tests. */
  readonly changedPaths?: (base: string, head: string) => Promise<string[]>;
}

export async function ciCli(argv: readonly string[], io: CiIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    let parsed;
    try {
      parsed = parseArgs({
        args: rest,
        strict: true,
        options: {
          base: { type: 'string' },
          head: { type: 'string' },
          changed: { type: 'string' },
          vendors: { type: 'string' },
          experiments: { type: 'string' },
          pr: { type: 'string' },
          sha: { type: 'string' },
          summaries: { type: 'string' },
          out: { type: 'string' },
          'run-url': { type: 'string' },
          'github-output': { type: 'string' },
        },
      });
    } catch (error) {
      throw new UserError(`${(error as Error).message.replace(/\.$/, '')}; run \`npm run ci\` for the commands.`);
    }
    const { values } = parsed;
    const outputs: Record<string, string> = {};
    switch (command) {
      case 'touched-vendors': {
        const vendors = await vendorFolders(io.root);
        let changed: string[];
        if (values.changed !== undefined) changed = (await readFile(values.changed, 'utf8')).split('\n').filter((l) => l.trim() !== '');
        else if (values.base !== undefined && values.head !== undefined) changed = await (io.changedPaths ?? gitChangedPaths(io.root))(values.base, values.head);
        else throw new UserError('touched-vendors needs --base and --head (commits), or --changed FILE (one path a line).');
        const touched = touchedVendors(vendors, changed);
        for (const vendor of touched) {
          const smoke = path.join(io.root, smokeExperiment(vendor));
          if ((await readFile(smoke).catch(() => null)) === null) {
            throw new UserError(`Vendor ${vendor} (infra/${vendor}/) has no smoke experiment ${smokeExperiment(vendor)}; every vendor needs one for its preview (see README, "Adding a vendor").`);
          }
        }
        outputs['vendors'] = JSON.stringify(touched);
        outputs['count'] = String(touched.length);
        io.stdout.write(`${outputs['vendors']}\n`);
        break;
      }
      case 'bench-matrix': {
        const list = (text: string | undefined) => (text ?? '').split(/[,\s]+/).filter((s) => s !== '');
        const known = await vendorFolders(io.root);
        const vendors = list(values.vendors);
        const unknown = vendors.filter((v) => !known.includes(v));
        if (unknown.length > 0) throw new UserError(`--vendors names ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is not a vendor' : 'are not vendors'}; the vendors are ${known.join(', ')}.`);
        const include = await benchMatrix(io.root, { vendors, experiments: list(values.experiments) });
        outputs['matrix'] = JSON.stringify({ include });
        outputs['count'] = String(include.length);
        io.stdout.write(`${outputs['matrix']}\n`);
        break;
      }
      case 'pr-comment': {
        if (values.pr === undefined || values.sha === undefined || values.vendors === undefined || values.summaries === undefined || values.out === undefined) {
          throw new UserError('pr-comment needs --pr, --sha, --vendors, --summaries and --out.');
        }
        const vendors = JSON.parse(values.vendors) as string[];
        const summaries = new Map<string, string>();
        for (const file of await listFiles(values.summaries)) {
          const vendor = path.basename(file, '.md');
          if (file.endsWith('.md') && vendors.includes(vendor)) summaries.set(vendor, await readFile(file, 'utf8'));
        }
        await writeFile(values.out, prComment({ pr: Number(values.pr), sha: values.sha, vendors, summaries, runUrl: values['run-url'] ?? null }));
        io.stdout.write(`${values.out}: ${summaries.size} of ${vendors.length} vendor summaries\n`);
        break;
      }
      default:
        io.stdout.write(`${CI_USAGE}\n`);
        return command === undefined ? 2 : command === '--help' || command === '-h' ? 0 : 2;
    }
    if (values['github-output'] !== undefined) {
      await writeFile(values['github-output'], Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`).join(''), { flag: 'a' });
    }
    return 0;
  } catch (error) {
    if (UserError.is(error)) {
      io.stderr.write(`faasbench ci: ${error.message}\n`);
      return 2;
    }
    io.stderr.write(`faasbench ci: ${(error as Error).message}\n`);
    return 1;
  }
}

function gitChangedPaths(root: string) {
  return (base: string, head: string) =>
    new Promise<string[]>((resolve, reject) => {
      // Three dots: what the pull request changed since it left its base, not what the base did since.
      execFile('git', ['diff', '--name-only', `${base}...${head}`], { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error !== null) reject(new Error(`git diff ${base}...${head} failed: ${stderr.trim() || error.message}`));
        else resolve(stdout.split('\n').filter((line) => line !== ''));
      });
    });
}

async function listFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listFiles(full)));
    else found.push(full);
  }
  return found.sort();
}
