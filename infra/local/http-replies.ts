import type { Server, ServerResponse } from 'node:http';

/**
 * What the local platform's servers (gateway, object store) share: the contract's error body, and
 * a close that does not wait for idle keep-alive connections.
 */

/** `{"error", "message"}` with its status, unless the response is already on its way. */
export function replyError(response: ServerResponse, status: number, error: string, message: string): void {
  if (response.destroyed || response.headersSent) return;
  const text = JSON.stringify({ error, message });
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

export async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}
