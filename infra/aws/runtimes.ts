import { UserError } from '../../experiments/schema/user-error.js';

/** Which code a runtime deploys: the bundled Node adapter or the Python adapter with its core. */
export type AdapterKind = 'nodejs' | 'python';

export interface LambdaRuntime {
  /** Lambda's runtime identifier. */
  readonly id: string;
  /** Lambda's `handler` setting: module and export of the adapter inside the package. */
  readonly handler: string;
  readonly adapter: AdapterKind;
}

const NODE_HANDLER = 'index.handler';
const PYTHON_HANDLER = 'lambda_function.handler';

/**
 * faasbench runtime names (as in experiment files and infra/aws/capabilities.ts) and what Lambda
 * calls them. Every Node runtime runs the same ES module bundle, every Python runtime the same
 * two files, so runtimes of one language share a package.
 */
export const LAMBDA_RUNTIMES: Readonly<Record<string, LambdaRuntime>> = {
  nodejs22: { id: 'nodejs22.x', handler: NODE_HANDLER, adapter: 'nodejs' },
  nodejs24: { id: 'nodejs24.x', handler: NODE_HANDLER, adapter: 'nodejs' },
  'python3.12': { id: 'python3.12', handler: PYTHON_HANDLER, adapter: 'python' },
  'python3.13': { id: 'python3.13', handler: PYTHON_HANDLER, adapter: 'python' },
};

export function lambdaRuntime(runtime: string): LambdaRuntime {
  const found = LAMBDA_RUNTIMES[runtime];
  if (found !== undefined) return found;
  throw new UserError(
    `Runtime "${runtime}" cannot be deployed to AWS Lambda; allowed is one of ${Object.keys(LAMBDA_RUNTIMES).join(', ')}.`,
  );
}
