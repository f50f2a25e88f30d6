import { readThenDelete } from '../../../measurement-functions/storage/consume.js';
import { r2StoreFromEnv } from '../../../measurement-functions/storage/r2.js';
import { StoreError } from '../../../measurement-functions/storage/store-error.js';

/**
 * A Worker for r2.test.ts, bundled and run in workerd by Miniflare: it exposes the R2 store's
 * calls over fetch so the test drives the real binding. Each call answers JSON: the store's
 * result (the body as its byte length and a hex digest), or `{ error }` with the StoreError's record.
 */

type Env = Readonly<Record<string, unknown>>;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const key = url.searchParams.get('key') ?? '';
    try {
      const store = r2StoreFromEnv(env);
      switch (url.pathname) {
        case '/put':
          return json(await store.put(key, new Uint8Array(await request.arrayBuffer())));
        case '/get': {
          const { body, ...timing } = await store.get(key);
          return json({ ...timing, sha256: await sha256(body) });
        }
        case '/consume': {
          const { read, cleanup } = await readThenDelete(store, key);
          return json({
            read: read instanceof StoreError ? { error: read.toRecord() } : { bytes: read.bytes, sha256: await sha256(read.body) },
            cleanup: cleanup instanceof StoreError ? { error: cleanup.toRecord() } : { key: cleanup.key },
          });
        }
        case '/delete':
          return json(await store.delete(key));
        default:
          return json({ error: { message: `no route ${url.pathname}` } }, 404);
      }
    } catch (error) {
      if (error instanceof StoreError) return json({ error: error.toRecord() }, 500);
      return json({ error: { message: error instanceof Error ? error.message : String(error) } }, 500);
    }
  },
};

function json(value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
