import { TOKEN_HEADER } from '../../../measurement-functions/core/index.js';

/** What every chain test does with a chain's hop 0: call it with a token, and walk the nested answers. */

/** POSTs to `url` with `token`, and returns the status and the JSON answer. */
export async function postWithToken(url: string, token: string, headers: Record<string, string> = {}, body?: Uint8Array) {
  const response = await fetch(url, { method: 'POST', headers: { [TOKEN_HEADER]: token, ...headers }, ...(body === undefined ? {} : { body }), signal: AbortSignal.timeout(20_000) });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** The answers of every hop, hop 0 first: each hop nests the next one's answer in `chain.next.body`. */
export function hopAnswers(answer: Record<string, any>): Record<string, any>[] {
  const list: Record<string, any>[] = [];
  for (let at: Record<string, any> | null | undefined = answer; at?.chain !== undefined; at = at.chain.next?.body) list.push(at);
  return list;
}
