import { readFile } from 'node:fs/promises';
import { formatPath, UserError } from '../../experiments/schema/index.js';
import { StackOutputs } from '../../infra/outputs.js';

/** Parses stack outputs JSON (from a saved file or from the Pulumi CLI), naming `source` in errors. */
export function parseStackOutputs(text: string, source: string): StackOutputs {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${source} is not valid JSON: ${(error as Error).message}.`);
  }
  const parsed = StackOutputs.safeParse(raw);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const where = first === undefined ? 'the top level' : formatPath(first.path.filter((p) => typeof p !== 'symbol'));
  const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
  throw new UserError(
    `${source} does not hold faasbench stack outputs: ${where}: ${first?.message ?? 'unknown problem'}${more}. ` +
      'It must be the JSON printed by `pulumi stack output --json --show-secrets` for a faasbench stack (see README, "Stack outputs").',
  );
}

/** Reads a saved copy of the stack outputs (`npm run bench -- --outputs FILE`). */
export async function readOutputsFile(file: string): Promise<StackOutputs> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`Outputs file ${file} cannot be read: ${code === 'ENOENT' ? 'there is no such file' : String(code ?? error)}.`);
  }
  return parseStackOutputs(text, `Outputs file ${file}`);
}
