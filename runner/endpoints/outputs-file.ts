import { formatPath, UserError } from '../../experiments/schema/index.js';
import { parseJsonText, readTextFile } from '../../experiments/schema/json-text.js';
import { StackOutputs } from '../../infra/outputs.js';

/** Generous: a thousand sub-experiments of a thousand endpoints each stay below it. */
export const MAX_OUTPUTS_FILE_BYTES = 256 * 1024 * 1024;

/**
 * The token travels as an HTTP header value: visible ASCII only. A space, tab or line break would
 * make every request fail before it left (ERR_INVALID_CHAR) or split the header.
 */
const TOKEN_CHARACTERS = /^[\x21-\x7e]+$/;

/** Parses stack outputs JSON (from a saved file or from the Pulumi CLI), naming `source` in errors. */
export function parseStackOutputs(text: string, source: string): StackOutputs {
  const raw = parseJsonText(text, source);
  const parsed = StackOutputs.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    // Never quote a value here: it could be the token.
    const where = first === undefined ? 'the top level' : formatPath(first.path.filter((p) => typeof p !== 'symbol'));
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
    throw new UserError(
      `${source} does not hold faasbench stack outputs: ${where}: ${first?.message ?? 'unknown problem'}${more}. ` +
        'It must be the JSON printed by `pulumi stack output --json --show-secrets` for a faasbench stack (see README, "Endpoints from a stack").',
    );
  }
  checkToken(parsed.data.token, source);
  return parsed.data;
}

function checkToken(token: string, source: string): void {
  if (TOKEN_CHARACTERS.test(token)) return;
  const at = [...token].findIndex((c) => !TOKEN_CHARACTERS.test(c));
  const bad = token[at] ?? '';
  const what = bad === '\r' || bad === '\n' ? 'a line break' : /\s/.test(bad) ? 'white space' : 'a character outside visible ASCII';
  // The token is secret: say where the problem is, never what the token is.
  throw new UserError(
    `${source}: token has ${what} at character ${at + 1}; it is sent as an HTTP header value, so it may hold only visible ASCII characters (no spaces, tabs or line breaks). Copy it again from \`pulumi stack output --json --show-secrets\`.`,
  );
}

/** Reads a saved copy of the stack outputs (`npm run bench -- --outputs FILE`). */
export async function readOutputsFile(file: string): Promise<StackOutputs> {
  const text = await readTextFile(file, `Outputs file ${file}`, MAX_OUTPUTS_FILE_BYTES);
  return parseStackOutputs(text, `Outputs file ${file}`);
}
