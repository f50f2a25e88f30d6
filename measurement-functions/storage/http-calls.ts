import { StoreFailure } from './store-error.js';

/**
 * What the fetch-based clients (Azure Blob, GCS, the local store) share. fetch is global in every
 * runtime they run in (Node 18+, workerd), so none of them ships an HTTP library.
 */

/** Longest part of an error body quoted in a message. */
const MAX_DETAIL_CHARS = 300;

/** The body as bytes, checked against Content-Length when the answer gave one. */
export async function bodyBytes(response: Response): Promise<Uint8Array> {
  const body = new Uint8Array(await response.arrayBuffer());
  const declared = response.headers.get('content-length');
  if (declared !== null && Number(declared) !== body.byteLength) {
    throw new StoreFailure(response.status, 'SHORT_BODY', `received ${body.byteLength} bytes of the ${declared} announced`);
  }
  return body;
}

/**
 * A StoreFailure for an answer that is an error. `code` picks the service's own error code out
 * of the headers or body; the message is the body's text, cut short and on one line.
 */
export async function failureOf(response: Response, describe: (headers: Headers, text: string) => { code?: string; message?: string }): Promise<StoreFailure> {
  const text = await response.text().catch(() => '');
  const described = describe(response.headers, text);
  const detail = oneLine(described.message ?? text) || response.statusText || 'no details';
  return new StoreFailure(response.status, described.code ?? `HTTP_${response.status}`, detail);
}

export function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_DETAIL_CHARS ? `${flat.slice(0, MAX_DETAIL_CHARS)}…` : flat;
}

/**
 * Bytes as a fetch body. A view is sent as it is (fetch sends only the viewed bytes); only bytes
 * in a SharedArrayBuffer, which fetch refuses, are copied.
 */
export function requestBody(body: Uint8Array): Uint8Array<ArrayBuffer> {
  return body.buffer instanceof ArrayBuffer ? (body as Uint8Array<ArrayBuffer>) : new Uint8Array(body);
}
