/**
 * Constant-time comparison of the presented token with the configured one, so response timing
 * does not reveal how much of a guess was right. An empty configured token refuses everything.
 */
export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (expected.length === 0 || presented === undefined) return false;
  let difference = expected.length ^ presented.length;
  // The loop runs over the expected token only; past the end of a short guess charCodeAt gives
  // NaN, which `^` treats as 0 (the length difference already marks the mismatch).
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ presented.charCodeAt(i);
  return difference === 0;
}
