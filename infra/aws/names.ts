import type { NameLimit } from '../naming.js';

/** Lambda function names: 1 to 64 letters, digits, hyphens and underscores. */
export const LAMBDA_FUNCTION_NAME: NameLimit = { maxLength: 64, resource: 'AWS Lambda function names' };

