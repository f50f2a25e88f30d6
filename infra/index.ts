/**
 * The Pulumi entry (Pulumi.yaml `main`). Pulumi imports this module and awaits its default export;
 * the object it resolves to becomes the stack outputs. A user mistake surfaces as a RunError, which
 * Pulumi prints without a stack trace.
 */
import * as pulumi from '@pulumi/pulumi';
import { UserError } from '../experiments/schema/index.js';
import { faasbenchStack } from './stack.js';

export default async function program() {
  try {
    return await faasbenchStack();
  } catch (error) {
    if (UserError.is(error)) throw new pulumi.RunError(error.message);
    throw error;
  }
}
