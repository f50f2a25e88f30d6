import type { NameLimit } from '../naming.js';

/** Lambda function names: 1 to 64 letters, digits, hyphens and underscores. */
export const LAMBDA_FUNCTION_NAME: NameLimit = { maxLength: 64, resource: 'AWS Lambda function names' };

/**
 * The limit for a chain's base name: every hop's name is the base plus its hop suffix
 * (infra/chain-hops.ts), so the longest suffix comes off the limit.
 */
export function chainNameLimit(limit: NameLimit, longestSuffix: string): NameLimit {
  return { maxLength: limit.maxLength - longestSuffix.length, resource: `${limit.resource}, less the "${longestSuffix}" a chain's last hop adds` };
}
