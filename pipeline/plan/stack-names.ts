import { UserError } from '../../experiments/schema/index.js';

/**
 * Stack names. Every stack the pipeline makes is named from a template whose placeholders make it
 * unique per CI run, attempt and unit, so two runs never share (or destroy) a stack, and the
 * sweeper can tell a pipeline's stacks by their prefix.
 */

export const DEFAULT_STACK_NAME_TEMPLATE = 'bench-{run}-{attempt}-{unit}';
export const PLACEHOLDERS = ['run', 'attempt', 'unit', 'vendor'] as const;
export type NameParts = Readonly<Record<(typeof PLACEHOLDERS)[number], string>>;

/**
 * Longest stack name. The stack name is part of every function's name (`fb-<stack>-…`, at most 60
 * characters on Azure), so a long one leaves no room for the experiment's title.
 */
export const MAX_STACK_NAME_LENGTH = 28;

export function stackNameFrom(template: string, parts: NameParts): string {
  const unknown = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] as string).filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown.length > 0) {
    throw new UserError(`--stack-name ${template} uses {${unknown[0]}}, which is not a placeholder; the placeholders are ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}.`);
  }
  const name = template.replace(/\{(\w+)\}/g, (_, key: keyof NameParts) => parts[key]);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new UserError(`--stack-name ${template} gives the stack name "${name}": allowed are letters, digits, '.', '_' and '-', starting with a letter or digit.`);
  }
  if (name.length > MAX_STACK_NAME_LENGTH) {
    throw new UserError(
      `--stack-name ${template} gives the stack name "${name}" (${name.length} characters); at most ${MAX_STACK_NAME_LENGTH} are allowed, because the stack name is part of every function name.`,
    );
  }
  return name;
}

/** A short id for runs started outside CI: minutes since 2020 in base 36 plus two random characters. */
export function localRunId(now: Date, random: () => number): string {
  const minutes = Math.floor((now.getTime() - Date.UTC(2020, 0, 1)) / 60_000);
  const suffix = Math.floor(random() * 36 * 36).toString(36).padStart(2, '0');
  return `${minutes.toString(36)}${suffix}`;
}
