/**
 * The one error class for mistakes a user can fix: a bad experiment file, a bad flag, a missing
 * stack output. Its message is a single paragraph that names the file, the field and what is
 * allowed; the CLI prints it without a stack trace and exits non-zero. Anything else that is
 * thrown is a bug in faasbench and is reported as one.
 */
export class UserError extends Error {
  override readonly name = 'UserError';

  constructor(message: string) {
    super(message.replace(/\s*\n\s*/g, ' ').trim());
  }

  static is(value: unknown): value is UserError {
    return value instanceof UserError;
  }
}
